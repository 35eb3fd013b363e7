// luac-style listings (see bytecode/disasm.h).
#include "bytecode/disasm.h"

#include <cstdio>

#include "number/numconv.h"

namespace luna::bytecode {

namespace {

std::string plural(int n) { return n == 1 ? "" : "s"; }

// Appends the parts in order (also avoids GCC 12's false -Wrestrict on "literal" + std::string).
void append(std::string& out, std::initializer_list<std::string_view> parts) {
  for (std::string_view part : parts) out.append(part);
}

std::string address(const void* p, const DisasmOptions& options) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%p", options.addresses ? p : nullptr);
  std::string text = buffer;
  return text == "(nil)" ? "0x0" : text;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      default:
        if (c >= 32 && c < 127) {
          out += static_cast<char>(c);
        } else {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\%03d", c);
          out += buffer;
        }
    }
  }
  return out + "\"";
}

char type_letter(const Constant& k) {
  switch (k.index()) {
    case 0:
      return 'N';
    case 1:
      return 'B';
    case 2:
      return 'I';
    case 3:
      return 'F';
    default:
      return 'S';
  }
}

std::string source_name(const Blueprint& f) {
  const std::string& s = f.source;
  if (s.empty()) return "?";
  if (s[0] == '@' || s[0] == '=') return s.substr(1);
  if (s[0] == '\x1b') return "(bstring)";
  return "(string)";
}

// Internal forms print as the 5.4 opcode they stand for (see opcodes.def).
std::string_view listed_name(Op op) {
  switch (op) {
    case Op::ADDI_SWAP:
    case Op::SUBI:
      return "ADDI";
    case Op::ADDK_SWAP:
      return "ADDK";
    case Op::MULK_SWAP:
      return "MULK";
    case Op::BANDK_SWAP:
      return "BANDK";
    case Op::BORK_SWAP:
      return "BORK";
    case Op::BXORK_SWAP:
      return "BXORK";
    case Op::SHLI_NEG:
      return "SHRI";
    default:
      return name_of(op);
  }
}

class Lister {
 public:
  Lister(const Blueprint& f, const DisasmOptions& options) : f_(f), options_(options) {}

  void run(std::string& out) {
    header(out);
    for (std::size_t pc = 0; pc < f_.code.size(); ++pc) instruction(out, static_cast<int>(pc));
    if (options_.full) tables(out);
    for (const auto& child : f_.children) Lister(*child, options_).run(out);
  }

 private:
  std::string k(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= f_.constants.size()) return "?";
    return constant_to_string(f_.constants[static_cast<std::size_t>(index)]);
  }
  std::string upvalue_name(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= f_.upvalues.size()) return "-";
    const std::string& name = f_.upvalues[static_cast<std::size_t>(index)].name;
    return name.empty() ? "-" : name;
  }

  void header(std::string& out) const {
    int ncode = static_cast<int>(f_.code.size());
    out += "\n";
    out += f_.line_defined == 0 ? "main" : "function";
    out += " <" + source_name(f_) + ":" + std::to_string(f_.line_defined) + "," +
           std::to_string(f_.last_line_defined) + "> (" + std::to_string(ncode) + " instruction" +
           plural(ncode) + " at " + address(&f_, options_) + ")\n";
    int np = f_.num_params, slots = f_.max_stack_size;
    int nup = static_cast<int>(f_.upvalues.size()), nloc = static_cast<int>(f_.locals.size());
    int nk = static_cast<int>(f_.constants.size()), nf = static_cast<int>(f_.children.size());
    out += std::to_string(np) + (f_.is_vararg ? "+" : "") + " param" + plural(np) + ", " +
           std::to_string(slots) + " slot" + plural(slots) + ", " + std::to_string(nup) + " upvalue" +
           plural(nup) + ", " + std::to_string(nloc) + " local" + plural(nloc) + ", " + std::to_string(nk) +
           " constant" + plural(nk) + ", " + std::to_string(nf) + " function" + plural(nf) + "\n";
  }

  int extra_arg(int pc) const {
    std::size_t next = static_cast<std::size_t>(pc) + 1;
    if (next < f_.code.size() && get_op(f_.code[next]) == Op::EXTRAARG) return get_ax(f_.code[next]);
    return 0;
  }

  void instruction(std::string& out, int pc) const {
    Instruction i = f_.code[static_cast<std::size_t>(pc)];
    Op op = get_op(i);
    int a = get_a(i), b = get_b(i), c = get_c(i);
    int sb = get_sb(i), sc = get_sc(i), bx = get_bx(i), sbx = get_sbx(i);
    std::string operands, comment;
    auto ops = [&](std::initializer_list<int> values) {
      for (int v : values) {
        if (!operands.empty()) operands += ' ';
        operands += std::to_string(v);
      }
    };
    switch (op) {
      case Op::MOVE:
        ops({a, b});
        break;
      case Op::LOADI:
      case Op::LOADF:
        ops({a, sbx});
        break;
      case Op::LOADK:
        ops({a, bx});
        comment = k(bx);
        break;
      case Op::LOADKX:
        ops({a});
        comment = k(extra_arg(pc));
        break;
      case Op::LOADFALSE:
      case Op::LFALSESKIP:
      case Op::LOADTRUE:
        ops({a});
        break;
      case Op::LOADNIL:
        ops({a, b});
        comment = std::to_string(b + 1) + " out";
        break;
      case Op::GETUPVAL:
      case Op::SETUPVAL:
        ops({a, b});
        comment = upvalue_name(b);
        break;
      case Op::GETTABUP:
        ops({a, b, c});
        comment = upvalue_name(b) + " " + k(c);
        break;
      case Op::GETTABLE:
      case Op::GETI:
        ops({a, b, c});
        break;
      case Op::GETFIELD:
        ops({a, b, c});
        comment = k(c);
        break;
      case Op::SETTABUP:
        ops({a, b, c});
        comment = upvalue_name(a) + " " + k(b);
        break;
      case Op::SETTABUPK:
        ops({a, b, c});
        comment = upvalue_name(a) + " " + k(b) + " " + k(c);
        break;
      case Op::SETTABLE:
      case Op::SETI:
        ops({a, b, c});
        break;
      case Op::SETTABLEK:
      case Op::SETIK:
        ops({a, b, c});
        comment = k(c);
        break;
      case Op::SETFIELD:
        ops({a, b, c});
        comment = k(b);
        break;
      case Op::SETFIELDK:
        ops({a, b, c});
        comment = k(b) + " " + k(c);
        break;
      case Op::NEWTABLE:
        ops({a, b, c});
        comment = std::to_string(extra_arg(pc));
        break;
      case Op::SELF:
        ops({a, b, c});
        comment = k(c);
        break;
      case Op::ADDI:
      case Op::SHRI:
      case Op::SHLI:
      case Op::ADDI_SWAP:
      case Op::SUBI:
      case Op::SHLI_NEG:
        ops({a, b, sc});
        break;
      case Op::ADDK:
      case Op::SUBK:
      case Op::MULK:
      case Op::MODK:
      case Op::POWK:
      case Op::DIVK:
      case Op::IDIVK:
      case Op::BANDK:
      case Op::BORK:
      case Op::BXORK:
      case Op::ADDK_SWAP:
      case Op::MULK_SWAP:
      case Op::BANDK_SWAP:
      case Op::BORK_SWAP:
      case Op::BXORK_SWAP:
        ops({a, b, c});
        comment = k(c);
        break;
      case Op::ADD:
      case Op::SUB:
      case Op::MUL:
      case Op::MOD:
      case Op::POW:
      case Op::DIV:
      case Op::IDIV:
      case Op::BAND:
      case Op::BOR:
      case Op::BXOR:
      case Op::SHL:
      case Op::SHR:
        ops({a, b, c});
        break;
      case Op::UNM:
      case Op::BNOT:
      case Op::NOT:
      case Op::LEN:
      case Op::CONCAT:
        ops({a, b});
        break;
      case Op::CLOSE:
      case Op::TBC:
        ops({a});
        break;
      case Op::JMP: {
        int sj = get_sj(i);
        ops({sj});
        comment = "to " + std::to_string(sj + pc + 2);
        break;
      }
      case Op::EQ:
      case Op::LT:
      case Op::LE:
        ops({a, b, c});
        break;
      case Op::EQK:
        ops({a, b, c});
        comment = k(b);
        break;
      case Op::EQI:
      case Op::LTI:
      case Op::LEI:
      case Op::GTI:
      case Op::GEI:
        ops({a, sb, get_k(i) ? 1 : 0});
        break;
      case Op::TEST:
        ops({a, c});
        break;
      case Op::TESTSET:
        ops({a, b, c});
        break;
      case Op::CALL:
        ops({a, b, c});
        comment = (b == 0 ? std::string("all in ") : std::to_string(b - 1) + " in ") +
                  (c == 0 ? std::string("all out") : std::to_string(c - 1) + " out");
        break;
      case Op::TAILCALL:
        ops({a, b, c});
        comment = b == 0 ? std::string("all in") : std::to_string(b - 1) + " in";
        break;
      case Op::RETURN:
        ops({a, b, c});
        comment = b == 0 ? std::string("all out") : std::to_string(b - 1) + " out";
        break;
      case Op::RETURN0:
        break;
      case Op::RETURN1:
        ops({a});
        break;
      case Op::FORLOOP:
      case Op::TFORLOOP:
        ops({a, bx});
        comment = "to " + std::to_string(pc - bx + 2);
        break;
      case Op::FORPREP:
        ops({a, bx});
        comment = "exit to " + std::to_string(pc + bx + 3);
        break;
      case Op::TFORPREP:
        ops({a, bx});
        comment = "to " + std::to_string(pc + bx + 2);
        break;
      case Op::TFORCALL:
        ops({a, c});
        break;
      case Op::SETLIST:
        ops({a, b, c});
        comment =
            (b == 0 ? std::string("all") : std::to_string(b)) + " from " + std::to_string(extra_arg(pc) + 1);
        break;
      case Op::CLOSURE:
        ops({a, bx});
        if (static_cast<std::size_t>(bx) < f_.children.size())
          comment = address(f_.children[static_cast<std::size_t>(bx)].get(), options_);
        break;
      case Op::VARARG:
        ops({a, c});
        comment = c == 0 ? std::string("all out") : std::to_string(c - 1) + " out";
        break;
      case Op::EXTRAARG:
        operands = std::to_string(get_ax(i));
        break;
    }
    std::string name(listed_name(op));
    if (name.size() < 9) name.resize(9, ' ');
    std::size_t line_index = static_cast<std::size_t>(pc);
    std::string line = "-";
    if (line_index < f_.line_info.size() && f_.line_info[line_index] > 0)
      line = std::to_string(f_.line_info[line_index]);
    append(out, {"\t", std::to_string(pc + 1), "\t[", line, "]\t", name, "\t", operands});
    if (!comment.empty()) append(out, {"\t; ", comment});
    out += '\n';
  }

  void tables(std::string& out) const {
    std::string at = address(&f_, options_);
    append(out, {"constants (", std::to_string(f_.constants.size()), ") for ", at, ":\n"});
    for (std::size_t i = 0; i < f_.constants.size(); ++i) {
      char letter[2] = {type_letter(f_.constants[i]), '\0'};
      append(out, {"\t", std::to_string(i), "\t", letter, "\t", constant_to_string(f_.constants[i]), "\n"});
    }
    append(out, {"locals (", std::to_string(f_.locals.size()), ") for ", at, ":\n"});
    for (std::size_t i = 0; i < f_.locals.size(); ++i)
      append(out, {"\t", std::to_string(i), "\t", f_.locals[i].name, "\t",
                   std::to_string(f_.locals[i].start_pc + 1), "\t", std::to_string(f_.locals[i].end_pc + 1),
                   "\n"});
    append(out, {"upvalues (", std::to_string(f_.upvalues.size()), ") for ", at, ":\n"});
    for (std::size_t i = 0; i < f_.upvalues.size(); ++i)
      append(out, {"\t", std::to_string(i), "\t", upvalue_name(static_cast<int>(i)), "\t",
                   f_.upvalues[i].in_stack ? "1" : "0", "\t", std::to_string(f_.upvalues[i].index), "\n"});
  }

  const Blueprint& f_;
  const DisasmOptions& options_;
};

}  // namespace

std::string constant_to_string(const Constant& constant) {
  char buffer[number::max_number_chars];
  switch (constant.index()) {
    case 0:
      return "nil";
    case 1:
      return std::get<bool>(constant) ? "true" : "false";
    case 2:
      return std::string(buffer, number::format_integer(std::get<std::int64_t>(constant), buffer));
    case 3:
      return std::string(buffer, number::format_float(std::get<double>(constant), buffer));
    default:
      return quoted(std::get<std::string>(constant));
  }
}

std::string disassemble(const Blueprint& function, const DisasmOptions& options) {
  std::string out;
  Lister(function, options).run(out);
  return out;
}

}  // namespace luna::bytecode
