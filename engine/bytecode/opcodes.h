// Opcodes and instruction encoding, generated from opcodes.def (the one place opcode facts live).
// Contract: an Instruction is a 32-bit word; encode_* and the field accessors are exact inverses for
// in-range operands. Field ranges: A/B/C 0..255, Bx 0..65535, sBx -32767..32768, Ax 0..2^24-1,
// sJ -(2^23-1)..2^23, sB/sC -127..128. Callers check ranges (the compiler spills to other forms).
#pragma once

#include <cstdint>
#include <string_view>

namespace luna::bytecode {

using Instruction = std::uint32_t;

enum class Format : std::uint8_t { ABC, ABx, AsBx, Ax, sJ };

enum class Op : std::uint8_t {
#define LUNA_OP(name, format, description) name,
#include "bytecode/opcodes.def"
#undef LUNA_OP
};

inline constexpr int op_count = 0
#define LUNA_OP(name, format, description) +1
#include "bytecode/opcodes.def"
#undef LUNA_OP
    ;

inline constexpr std::string_view op_names[] = {
#define LUNA_OP(name, format, description) #name,
#include "bytecode/opcodes.def"
#undef LUNA_OP
};

inline constexpr Format op_formats[] = {
#define LUNA_OP(name, format, description) Format::format,
#include "bytecode/opcodes.def"
#undef LUNA_OP
};

inline constexpr std::string_view op_descriptions[] = {
#define LUNA_OP(name, format, description) description,
#include "bytecode/opcodes.def"
#undef LUNA_OP
};

inline constexpr int max_arg_byte = 255;
inline constexpr int max_bx = 0xFFFF;
inline constexpr int offset_sbx = 0x7FFF;
inline constexpr int max_ax = 0xFFFFFF;
inline constexpr int offset_sj = 0x7FFFFF;
inline constexpr int offset_sc = 127;  // sB and sC

constexpr std::string_view name_of(Op op) { return op_names[static_cast<int>(op)]; }
constexpr Format format_of(Op op) { return op_formats[static_cast<int>(op)]; }

constexpr Op get_op(Instruction i) { return static_cast<Op>(i & 0xFFu); }
constexpr int get_a(Instruction i) { return static_cast<int>((i >> 8) & 0xFFu); }
constexpr int get_b(Instruction i) { return static_cast<int>((i >> 16) & 0xFFu); }
constexpr int get_c(Instruction i) { return static_cast<int>(i >> 24); }
constexpr int get_sb(Instruction i) { return get_b(i) - offset_sc; }
constexpr int get_sc(Instruction i) { return get_c(i) - offset_sc; }
constexpr int get_bx(Instruction i) { return static_cast<int>(i >> 16); }
constexpr int get_sbx(Instruction i) { return get_bx(i) - offset_sbx; }
constexpr int get_ax(Instruction i) { return static_cast<int>(i >> 8); }
constexpr int get_sj(Instruction i) { return get_ax(i) - offset_sj; }
// The "k" flag of EQ..TESTSET: bit 0 of C. LTI..GEI keep "the immediate is a float" in bit 1.
constexpr bool get_k(Instruction i) { return (get_c(i) & 1) != 0; }
constexpr bool get_imm_is_float(Instruction i) { return (get_c(i) & 2) != 0; }

constexpr Instruction encode_abc(Op op, int a, int b, int c) {
  return static_cast<Instruction>(op) | (static_cast<Instruction>(a) << 8) |
         (static_cast<Instruction>(b) << 16) | (static_cast<Instruction>(c) << 24);
}
constexpr Instruction encode_abx(Op op, int a, int bx) {
  return static_cast<Instruction>(op) | (static_cast<Instruction>(a) << 8) |
         (static_cast<Instruction>(bx) << 16);
}
constexpr Instruction encode_asbx(Op op, int a, int sbx) { return encode_abx(op, a, sbx + offset_sbx); }
constexpr Instruction encode_ax(Op op, int ax) {
  return static_cast<Instruction>(op) | (static_cast<Instruction>(ax) << 8);
}
constexpr Instruction encode_sj(Op op, int sj) { return encode_ax(op, sj + offset_sj); }

// Patch helpers used by the compiler's jump fix-ups.
constexpr Instruction with_a(Instruction i, int a) {
  return (i & ~(0xFFu << 8)) | (static_cast<Instruction>(a) << 8);
}
constexpr Instruction with_bx(Instruction i, int bx) {
  return (i & 0xFFFFu) | (static_cast<Instruction>(bx) << 16);
}
constexpr Instruction with_sj(Instruction i, int sj) { return encode_sj(get_op(i), sj); }

}  // namespace luna::bytecode
