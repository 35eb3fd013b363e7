// `lunac`: the Lua compiler driver, a drop-in for `luac` 5.4. It compiles source files (or re-reads
// binary chunks) into blueprints, lists them (-l, -l -l), and writes one binary chunk (default
// "luac.out"; "-o -" is stdout) unless -p (parse only) is given; -s strips debug information.
// Several input files are combined, as luac does, into one main function that calls each file's
// main chunk in order, without arguments.
// It works on blueprints only (compiler::compile, runtime::undump, runtime::dump_blueprint,
// bytecode::disassemble): it never creates a Lua state, so the front end's C++ containers and
// exceptions are fine here.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "bytecode/blueprint.h"
#include "bytecode/disasm.h"
#include "bytecode/opcodes.h"
#include "compiler/compiler.h"
#include "lua.h"
#include "runtime/dump.h"
#include "runtime/undump.h"

#ifndef LUNA_VERSION
#error "LUNA_VERSION must be defined by the build (cli/CMakeLists.txt)"
#endif

namespace luna::cli {
namespace {

const char* program_name = "lunac";
constexpr const char* kDefaultOutput = "luac.out";
constexpr const char* kCombinedSource = "=(lunac)";  // chunk name of the combining main function

struct Options {
  int listing = 0;          // -l count
  bool parse_only = false;  // -p
  bool strip = false;       // -s
  bool version = false;     // -v
  const char* output = kDefaultOutput;  // nullptr: stdout ("-o -")
  std::vector<const char*> inputs;      // "-" is stdin
};

[[noreturn]] void fail(const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "%s: %s\n", program_name, message.c_str());
  std::exit(EXIT_FAILURE);
}

[[noreturn]] void usage(const char* message) {
  if (message[0] == '-')
    std::fprintf(stderr, "%s: unrecognized option '%s'\n", program_name, message);
  else
    std::fprintf(stderr, "%s: %s\n", program_name, message);
  std::fprintf(stderr,
               "usage: %s [options] [filenames]\n"
               "Available options are:\n"
               "  -l       list (use -l -l for full listing)\n"
               "  -o name  output to file 'name' (default is \"%s\")\n"
               "  -p       parse only\n"
               "  -s       strip debug information\n"
               "  -v       show version information\n"
               "  --       stop handling options\n"
               "  -        stop handling options and process stdin\n",
               program_name, kDefaultOutput);
  std::exit(EXIT_FAILURE);
}

Options parse_options(int argc, char** argv) {
  Options options;
  if (argv[0] != nullptr && argv[0][0] != '\0') program_name = argv[0];
  int i = 1;
  for (; i < argc; ++i) {
    const char* argument = argv[i];
    if (argument[0] != '-') break;              // first file name
    if (std::strcmp(argument, "-") == 0) break;  // stdin is a file name here
    if (std::strcmp(argument, "--") == 0) {
      ++i;
      break;
    }
    if (std::strcmp(argument, "-l") == 0) {
      ++options.listing;
    } else if (std::strcmp(argument, "-o") == 0) {
      ++i;
      if (i >= argc || argv[i][0] == '\0' || (argv[i][0] == '-' && argv[i][1] != '\0'))
        usage("'-o' needs argument");
      options.output = std::strcmp(argv[i], "-") == 0 ? nullptr : argv[i];
    } else if (std::strcmp(argument, "-p") == 0) {
      options.parse_only = true;
    } else if (std::strcmp(argument, "-s") == 0) {
      options.strip = true;
    } else if (std::strcmp(argument, "-v") == 0) {
      options.version = true;
    } else {
      usage(argument);
    }
  }
  if (options.version) {
    std::printf("Luna %s -- %s, the language created at PUC-Rio\n", LUNA_VERSION, LUA_VERSION);
    if (i == argc) std::exit(EXIT_SUCCESS);
  }
  for (; i < argc; ++i) options.inputs.push_back(argv[i]);
  if (options.inputs.empty()) {
    // As luac: `-l` or `-p` without files works on the default output, e.g. `lunac -l` lists
    // the luac.out written by a previous run.
    if (options.listing == 0 && !options.parse_only) usage("no input files given");
    options.inputs.push_back(kDefaultOutput);
  }
  return options;
}

// The file's bytes as luaL_loadfile sees them: a UTF-8 byte-order mark is dropped, and a first
// line starting with '#' is replaced by an empty line (so line numbers stay right) unless a
// binary chunk follows it.
std::string read_input(const char* input) {
  const bool from_stdin = std::strcmp(input, "-") == 0;
  const std::string shown = from_stdin ? "stdin" : input;
  std::FILE* file = from_stdin ? stdin : std::fopen(input, "rb");
  if (file == nullptr) fail("cannot open " + shown + ": " + std::strerror(errno));
  std::string bytes;
  char buffer[65536];
  size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, count);
  const bool read_failed = std::ferror(file) != 0;
  const int read_errno = errno;
  if (!from_stdin) std::fclose(file);
  if (read_failed) fail("cannot read " + shown + ": " + std::strerror(read_errno));
  if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
  if (!bytes.empty() && bytes[0] == '#') {
    const size_t end_of_line = bytes.find('\n');
    bytes.erase(0, end_of_line == std::string::npos ? bytes.size() : end_of_line);
    if (bytes.size() > 1 && bytes[1] == LUA_SIGNATURE[0]) bytes.erase(0, 1);  // binary after '#'
  }
  return bytes;
}

std::unique_ptr<bytecode::Blueprint> load_input(const char* input) {
  const std::string bytes = read_input(input);
  const std::string chunk_name = std::strcmp(input, "-") == 0 ? "=stdin" : std::string("@") + input;
  if (!bytes.empty() && bytes[0] == LUA_SIGNATURE[0]) {
    runtime::UndumpResult result = runtime::undump(bytes, chunk_name);
    if (auto* message = std::get_if<std::string>(&result)) fail(*message);
    return std::move(std::get<std::unique_ptr<bytecode::Blueprint>>(result));
  }
  compiler::CompileResult result = compiler::compile(bytes, chunk_name);
  if (auto* error = std::get_if<compiler::CompileError>(&result)) fail(error->message);
  return std::move(std::get<std::unique_ptr<bytecode::Blueprint>>(result));
}

// luac's combination of several files: a main function without debug information that, for each
// file i, makes a closure of child i and calls it with no arguments and no results. Each child's
// _ENV (its upvalue 0) becomes the combining function's own upvalue 0.
std::unique_ptr<bytecode::Blueprint> combine(std::vector<std::unique_ptr<bytecode::Blueprint>> parts) {
  using bytecode::Op;
  auto main = std::make_unique<bytecode::Blueprint>();
  main->source = kCombinedSource;
  main->max_stack_size = 2;
  main->upvalues.push_back(bytecode::UpvalueDesc{"_ENV", true, 0, bytecode::UpvalueKind::regular});
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!parts[i]->upvalues.empty()) {
      parts[i]->upvalues[0].in_stack = false;
      parts[i]->upvalues[0].index = 0;
    }
    main->code.push_back(bytecode::encode_abx(Op::CLOSURE, 0, static_cast<int>(i)));
    main->code.push_back(bytecode::encode_abc(Op::CALL, 0, 1, 1));
    main->children.push_back(std::move(parts[i]));
  }
  main->code.push_back(bytecode::encode_abc(Op::RETURN0, 0, 1, 0));
  main->line_info.assign(main->code.size(), 0);
  return main;
}

void write_output(const Options& options, const std::string& chunk) {
  const std::string shown = options.output == nullptr ? "stdout" : options.output;
  std::FILE* file = options.output == nullptr ? stdout : std::fopen(options.output, "wb");
  if (file == nullptr) fail("cannot open " + shown + ": " + std::strerror(errno));
  const bool written = std::fwrite(chunk.data(), 1, chunk.size(), file) == chunk.size();
  const bool flushed = std::fflush(file) == 0;
  const bool closed = file == stdout || std::fclose(file) == 0;
  if (!written || !flushed || !closed) fail("cannot write " + shown + ": " + std::strerror(errno));
}

int run(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  std::vector<std::unique_ptr<bytecode::Blueprint>> parts;
  for (const char* input : options.inputs) parts.push_back(load_input(input));
  std::unique_ptr<bytecode::Blueprint> main =
      parts.size() == 1 ? std::move(parts.front()) : combine(std::move(parts));
  if (options.listing > 0) {
    bytecode::DisasmOptions listing;
    listing.full = options.listing > 1;
    const std::string text = bytecode::disassemble(*main, listing);
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  if (!options.parse_only) write_output(options, runtime::dump_blueprint(*main, options.strip));
  return EXIT_SUCCESS;
}

}  // namespace
}  // namespace luna::cli

int main(int argc, char** argv) {
  try {
    return luna::cli::run(argc, argv);
  } catch (const std::bad_alloc&) {
    luna::cli::fail("not enough memory");
  }
}
