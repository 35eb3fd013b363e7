// compiler::compile: the front end's entry point (see compiler/compiler.h).
#include "compiler/compiler.h"

#include <new>
#include <stdexcept>

#include "compiler/parser.h"

namespace luna::compiler {

CompileResult compile(std::string_view source, std::string_view chunkname, int c_levels_in_use) {
  try {
    Parser parser(source, chunkname, c_levels_in_use);
    return parser.parse_main();
  } catch (const syntax::SyntaxError& error) {
    return CompileError{CompileError::Kind::syntax, error.message, error.incomplete};
  } catch (const std::bad_alloc&) {
    return CompileError{CompileError::Kind::memory, "not enough memory", false};
  } catch (const std::length_error&) {  // a container outgrew its maximum size
    return CompileError{CompileError::Kind::memory, "not enough memory", false};
  } catch (const CStackOverflow&) {
    return CompileError{CompileError::Kind::c_stack_overflow, "C stack overflow", false};
  }
}

}  // namespace luna::compiler
