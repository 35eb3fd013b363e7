// Listing of a Blueprint in the style of `luac -l` (and `luac -l -l` with full detail).
// Contract: one header per function ("main <file:0,0> (N instructions at ADDR)" or
// "function <file:L1,L2> ..."), a counts line, one line per instruction
// ("\tPC\t[LINE]\tOPNAME   \tOPERANDS\t; COMMENT"), then, with full detail, the constants, locals
// and upvalues tables; nested functions follow their parent. With `addresses` false, every
// address prints as 0x0 (stable output for golden tests).
#pragma once

#include <string>

#include "bytecode/blueprint.h"

namespace luna::bytecode {

struct DisasmOptions {
  bool full = false;      // constants/locals/upvalues tables (luac -l -l)
  bool addresses = true;  // print object addresses
};

std::string disassemble(const Blueprint& function, const DisasmOptions& options = {});

// A constant as luac prints it: strings quoted with escapes, floats as %.14g (+".0").
std::string constant_to_string(const Constant& constant);

}  // namespace luna::bytecode
