// Luna's binary chunk format (shared by dump.cpp and undump.cpp).
// Header: byte-identical to Lua 5.4's, so tools that recognise 5.4 binaries still do:
//   "\x1bLua", version 0x54, format 0, "\x19\x93\r\n\x1a\n", sizes of Instruction (4),
//   lua_Integer (8) and lua_Number (8), the integer 0x5678 and the number 370.5 (native byte order),
//   then one byte: the number of upvalues of the main function.
// Body (Luna's own encoding; "uint" = unsigned LEB128, "int" = zigzag LEB128):
//   function  := source:optstring, line_defined:uint, last_line_defined:uint,
//                num_params:byte, is_vararg:byte, max_stack_size:byte,
//                code:(uint n, n x 4-byte little-endian words),
//                constants:(uint n, n x constant), upvalues:(uint n, n x (in_stack, index, kind bytes)),
//                children:(uint n, n x function),
//                lines:(uint n, n x int delta from the previous line, starting at line_defined),
//                locals:(uint n, n x (string name, uint start_pc, uint end_pc)),
//                upvalue names:(uint n, n x string)
//   optstring := uint 0 (absent: stripped, or a child with its parent's source) | uint len+1, bytes
//   string    := uint len, bytes
//   constant  := tag byte (0 nil, 1 false, 2 true, 3 integer, 4 float, 5 string) + payload
//                (integer: 8 bytes LE two's complement; float: 8 bytes LE IEEE-754 bits; string)
// Stripped chunks have no source, no lines, no locals and no upvalue names (n = 0).
#pragma once

#include <cstdint>
#include <string_view>

namespace luna::runtime::chunk {

inline constexpr std::string_view signature = "\x1bLua";
inline constexpr std::uint8_t version = 0x54;
inline constexpr std::uint8_t format = 0;
inline constexpr std::string_view check_data = "\x19\x93\r\n\x1a\n";
inline constexpr std::uint8_t instruction_size = 4;
inline constexpr std::uint8_t integer_size = 8;
inline constexpr std::uint8_t number_size = 8;
inline constexpr std::int64_t check_integer = 0x5678;
inline constexpr double check_number = 370.5;
inline constexpr std::size_t header_size = 4 + 1 + 1 + 6 + 3 + 8 + 8;  // before the upvalue byte

enum class ConstantTag : std::uint8_t { nil = 0, false_ = 1, true_ = 2, integer = 3, float_ = 4, string = 5 };

inline constexpr int max_nesting = 200;  // deepest function nesting accepted by the loader

}  // namespace luna::runtime::chunk
