// Binary chunk reader and verifier (format: runtime/chunk_format.h; messages: undump.h).
// Untrusted input: every count is checked against the bytes left before anything is allocated,
// nesting is bounded, and verify_blueprint() checks every operand the VM would trust, so nothing a
// chunk says can make the VM read or jump outside its arrays.
// This is front-end code (no Lua heap, no longjmp): errors travel as a C++ exception inside this
// file and come out as the error string.
#include "runtime/undump.h"

#include <cstring>
#include <limits>

#include "bytecode/opcodes.h"
#include "runtime/chunk_format.h"

namespace luna::runtime {

namespace {

using bytecode::Blueprint;
using bytecode::Instruction;
using bytecode::Op;

struct Failure {
  const char* why;
};

constexpr std::size_t short_string_max = 40;  // object/objects.h max_short_len (kept heap-free here)

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  std::size_t remaining() const { return bytes_.size() - position_; }
  void need(std::size_t n) const {
    if (remaining() < n) throw Failure{"truncated chunk"};
  }
  std::uint8_t byte() {
    need(1);
    return static_cast<std::uint8_t>(bytes_[position_++]);
  }
  std::string_view block(std::size_t n) {
    need(n);
    std::string_view b = bytes_.substr(position_, n);
    position_ += n;
    return b;
  }
  std::uint64_t uint() {
    std::uint64_t x = 0;
    for (int shift = 0;; shift += 7) {
      std::uint8_t b = byte();
      if (shift == 63 && (b & 0x7E) != 0) throw Failure{"corrupted chunk"};  // > 64 bits
      x |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return x;
      if (shift >= 63) throw Failure{"corrupted chunk"};
    }
  }
  std::int64_t sint() {
    std::uint64_t z = uint();
    return static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
  }
  // An int-sized value (line numbers, pcs).
  int small(std::uint64_t limit = static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
    std::uint64_t x = uint();
    if (x > limit) throw Failure{"corrupted chunk"};
    return static_cast<int>(x);
  }
  // A count of elements that take at least min_bytes each: more than the bytes left is truncation.
  std::size_t count(std::size_t min_bytes) {
    std::uint64_t n = uint();
    if (n > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) throw Failure{"corrupted chunk"};
    if (n * min_bytes > remaining()) throw Failure{"truncated chunk"};
    return static_cast<std::size_t>(n);
  }
  std::uint32_t u32() {
    std::string_view b = block(4);
    std::uint32_t x = 0;
    for (int i = 3; i >= 0; i--) x = (x << 8) | static_cast<std::uint8_t>(b[static_cast<std::size_t>(i)]);
    return x;
  }
  std::uint64_t u64() {
    std::string_view b = block(8);
    std::uint64_t x = 0;
    for (int i = 7; i >= 0; i--) x = (x << 8) | static_cast<std::uint8_t>(b[static_cast<std::size_t>(i)]);
    return x;
  }
  std::string string() {
    std::size_t n = count(1);
    return std::string(block(n));
  }

 private:
  std::string_view bytes_;
  std::size_t position_ = 0;
};

void check_header(Reader& in) {
  if (in.remaining() < chunk::signature.size()) {
    // A prefix of the signature is a truncated binary chunk; anything else is not one at all.
    std::string_view rest = in.block(in.remaining());
    if (chunk::signature.substr(0, rest.size()) == rest) throw Failure{"truncated chunk"};
    throw Failure{"not a binary chunk"};
  }
  if (in.block(chunk::signature.size()) != chunk::signature) throw Failure{"not a binary chunk"};
  if (in.byte() != chunk::version) throw Failure{"version mismatch"};
  if (in.byte() != chunk::format) throw Failure{"format mismatch"};
  if (in.block(chunk::check_data.size()) != chunk::check_data) throw Failure{"corrupted chunk"};
  if (in.byte() != chunk::instruction_size) throw Failure{"Instruction size mismatch"};
  if (in.byte() != chunk::integer_size) throw Failure{"lua_Integer size mismatch"};
  if (in.byte() != chunk::number_size) throw Failure{"lua_Number size mismatch"};
  std::int64_t i;
  std::memcpy(&i, in.block(sizeof i).data(), sizeof i);
  if (i != chunk::check_integer) throw Failure{"integer format mismatch"};
  double n;
  std::memcpy(&n, in.block(sizeof n).data(), sizeof n);
  if (n != chunk::check_number) throw Failure{"float format mismatch"};
}

std::unique_ptr<Blueprint> read_function(Reader& in, const std::string& parent_source, int depth) {
  if (depth > chunk::max_nesting) throw Failure{"corrupted chunk"};
  auto bp = std::make_unique<Blueprint>();
  std::uint64_t source_tag = in.uint();
  if (source_tag == 0) {
    bp->source = parent_source;
  } else {
    if (source_tag - 1 > in.remaining()) throw Failure{"truncated chunk"};
    bp->source = std::string(in.block(static_cast<std::size_t>(source_tag - 1)));
  }
  bp->line_defined = in.small();
  bp->last_line_defined = in.small();
  bp->num_params = in.byte();
  std::uint8_t vararg = in.byte();
  if (vararg > 1) throw Failure{"corrupted chunk"};
  bp->is_vararg = vararg != 0;
  bp->max_stack_size = in.byte();

  std::size_t n = in.count(4);
  bp->code.resize(n);
  for (std::size_t i = 0; i < n; i++) bp->code[i] = in.u32();

  n = in.count(1);
  bp->constants.reserve(n);
  for (std::size_t i = 0; i < n; i++) {
    switch (static_cast<chunk::ConstantTag>(in.byte())) {
      case chunk::ConstantTag::nil: bp->constants.emplace_back(bytecode::Nil{}); break;
      case chunk::ConstantTag::false_: bp->constants.emplace_back(false); break;
      case chunk::ConstantTag::true_: bp->constants.emplace_back(true); break;
      case chunk::ConstantTag::integer:
        bp->constants.emplace_back(static_cast<std::int64_t>(in.u64()));
        break;
      case chunk::ConstantTag::float_: {
        std::uint64_t bits = in.u64();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        bp->constants.emplace_back(d);
        break;
      }
      case chunk::ConstantTag::string: bp->constants.emplace_back(in.string()); break;
      default: throw Failure{"corrupted chunk"};
    }
  }

  n = in.count(3);
  bp->upvalues.resize(n);
  for (auto& u : bp->upvalues) {
    std::uint8_t in_stack = in.byte();
    u.index = in.byte();
    std::uint8_t kind = in.byte();
    if (in_stack > 1 || kind > static_cast<std::uint8_t>(bytecode::UpvalueKind::to_be_closed))
      throw Failure{"corrupted chunk"};
    u.in_stack = in_stack != 0;
    u.kind = static_cast<bytecode::UpvalueKind>(kind);
  }

  n = in.count(1);
  bp->children.reserve(n);
  for (std::size_t i = 0; i < n; i++) bp->children.push_back(read_function(in, bp->source, depth + 1));

  n = in.count(1);
  if (n != 0 && n != bp->code.size()) throw Failure{"corrupted chunk"};
  bp->line_info.resize(n);
  std::int64_t line = bp->line_defined;
  for (std::size_t i = 0; i < n; i++) {
    line += in.sint();
    if (line < 0 || line > std::numeric_limits<int>::max()) throw Failure{"corrupted chunk"};
    bp->line_info[i] = static_cast<int>(line);
  }

  n = in.count(3);
  bp->locals.resize(n);
  for (auto& local : bp->locals) {
    local.name = in.string();
    local.start_pc = in.small();
    local.end_pc = in.small();
  }

  n = in.count(1);
  if (n != 0 && n != bp->upvalues.size()) throw Failure{"corrupted chunk"};
  for (std::size_t i = 0; i < n; i++) bp->upvalues[i].name = in.string();
  return bp;
}

// ---- verification --------------------------------------------------------------------------------

struct Verifier {
  const Blueprint& bp;
  int size;       // instructions
  int registers;  // max_stack_size
  int constants;
  int upvalues;

  bool reg(int r) const { return r >= 0 && r < registers; }
  bool range(int first, int count) const { return first >= 0 && count >= 0 && first + count <= registers; }
  bool konst(int k) const { return k >= 0 && k < constants; }
  bool upvalue(int u) const { return u >= 0 && u < upvalues; }
  bool target(int pc) const {  // a jump may land on any instruction but an EXTRAARG
    return pc >= 0 && pc < size && bytecode::get_op(bp.code[static_cast<std::size_t>(pc)]) != Op::EXTRAARG;
  }
  bool short_string(int k) const {
    if (!konst(k)) return false;
    const auto* s = std::get_if<std::string>(&bp.constants[static_cast<std::size_t>(k)]);
    return s != nullptr && s->size() <= short_string_max;
  }
  bool string_constant(int k) const {
    return konst(k) && std::holds_alternative<std::string>(bp.constants[static_cast<std::size_t>(k)]);
  }
  bool number_constant(int k) const {
    if (!konst(k)) return false;
    const auto& c = bp.constants[static_cast<std::size_t>(k)];
    return std::holds_alternative<std::int64_t>(c) || std::holds_alternative<double>(c);
  }
  bool integer_constant(int k) const {
    return konst(k) && std::holds_alternative<std::int64_t>(bp.constants[static_cast<std::size_t>(k)]);
  }
  Op op_at(int pc) const { return bytecode::get_op(bp.code[static_cast<std::size_t>(pc)]); }
  bool followed_by(int pc, Op op) const { return pc + 1 < size && op_at(pc + 1) == op; }
  // A test: the JMP that follows it runs or is skipped (landing at pc + 2).
  bool conditional(int pc) const { return followed_by(pc, Op::JMP) && target(pc + 2); }

  bool instruction(int pc) const {
    Instruction i = bp.code[static_cast<std::size_t>(pc)];
    if (static_cast<int>(bytecode::get_op(i)) >= bytecode::op_count) return false;
    int a = bytecode::get_a(i), b = bytecode::get_b(i), c = bytecode::get_c(i);
    switch (bytecode::get_op(i)) {
      case Op::MOVE: return reg(a) && reg(b);
      case Op::LOADI: case Op::LOADF: case Op::LOADFALSE: case Op::LOADTRUE: return reg(a);
      case Op::LOADK: return reg(a) && konst(bytecode::get_bx(i));
      case Op::LOADKX:
        return reg(a) && followed_by(pc, Op::EXTRAARG) &&
               konst(bytecode::get_ax(bp.code[static_cast<std::size_t>(pc + 1)]));
      case Op::LFALSESKIP: return reg(a) && target(pc + 2);
      case Op::LOADNIL: return range(a, b + 1);
      case Op::GETUPVAL: case Op::SETUPVAL: return reg(a) && upvalue(b);
      case Op::GETTABUP: return reg(a) && upvalue(b) && short_string(c);
      case Op::GETTABLE: return reg(a) && reg(b) && reg(c);
      case Op::GETI: return reg(a) && reg(b);
      case Op::GETFIELD: return reg(a) && reg(b) && short_string(c);
      case Op::SETTABUP: return upvalue(a) && short_string(b) && reg(c);
      case Op::SETTABUPK: return upvalue(a) && short_string(b) && konst(c);
      case Op::SETTABLE: return reg(a) && reg(b) && reg(c);
      case Op::SETTABLEK: return reg(a) && reg(b) && konst(c);
      case Op::SETI: return reg(a) && reg(c);
      case Op::SETIK: return reg(a) && konst(c);
      case Op::SETFIELD: return reg(a) && short_string(b) && reg(c);
      case Op::SETFIELDK: return reg(a) && short_string(b) && konst(c);
      case Op::NEWTABLE: return reg(a) && b <= 31 && followed_by(pc, Op::EXTRAARG);
      case Op::SELF: return range(a, 2) && reg(b) && string_constant(c);
      case Op::ADDI: case Op::SHRI: case Op::SHLI: case Op::ADDI_SWAP: case Op::SUBI:
      case Op::SHLI_NEG:
        return reg(a) && reg(b);
      case Op::ADDK: case Op::SUBK: case Op::MULK: case Op::MODK: case Op::POWK: case Op::DIVK:
      case Op::IDIVK: case Op::ADDK_SWAP: case Op::MULK_SWAP:
        return reg(a) && reg(b) && number_constant(c);
      case Op::BANDK: case Op::BORK: case Op::BXORK: case Op::BANDK_SWAP: case Op::BORK_SWAP:
      case Op::BXORK_SWAP:
        return reg(a) && reg(b) && integer_constant(c);
      case Op::ADD: case Op::SUB: case Op::MUL: case Op::MOD: case Op::POW: case Op::DIV:
      case Op::IDIV: case Op::BAND: case Op::BOR: case Op::BXOR: case Op::SHL: case Op::SHR:
        return reg(a) && reg(b) && reg(c);
      case Op::UNM: case Op::BNOT: case Op::NOT: case Op::LEN: return reg(a) && reg(b);
      case Op::CONCAT: return b >= 2 && range(a, b);
      case Op::CLOSE: case Op::TBC: return reg(a);
      case Op::JMP: return target(pc + 1 + bytecode::get_sj(i));
      case Op::EQ: case Op::LT: case Op::LE: return reg(a) && reg(b) && conditional(pc);
      case Op::EQK: return reg(a) && konst(b) && conditional(pc);
      case Op::EQI: case Op::LTI: case Op::LEI: case Op::GTI: case Op::GEI: case Op::TEST:
        return reg(a) && conditional(pc);
      case Op::TESTSET: return reg(a) && reg(b) && conditional(pc);
      case Op::CALL: return reg(a) && (b == 0 || range(a, b)) && (c < 2 || range(a, c - 1));
      case Op::TAILCALL: return reg(a) && (b == 0 || range(a, b));
      case Op::RETURN: return a <= registers && (b < 2 || range(a, b - 1));
      case Op::RETURN0: return true;
      case Op::RETURN1: return reg(a);
      case Op::FORPREP: {
        int loop = pc + 1 + bytecode::get_bx(i);
        return range(a, 4) && loop < size && op_at(loop) == Op::FORLOOP &&
               bytecode::get_a(bp.code[static_cast<std::size_t>(loop)]) == a &&
               bytecode::get_bx(bp.code[static_cast<std::size_t>(loop)]) == bytecode::get_bx(i) + 1 &&
               target(loop + 1);
      }
      case Op::FORLOOP: return range(a, 4) && target(pc + 1 - bytecode::get_bx(i));
      case Op::TFORPREP: {
        int call = pc + 1 + bytecode::get_bx(i);
        return range(a, 4) && call < size && op_at(call) == Op::TFORCALL &&
               bytecode::get_a(bp.code[static_cast<std::size_t>(call)]) == a;
      }
      case Op::TFORCALL: return range(a, 4 + c) && c >= 1 && followed_by(pc, Op::TFORLOOP);
      case Op::TFORLOOP: return range(a, 5) && target(pc + 1 - bytecode::get_bx(i));
      case Op::SETLIST: return reg(a) && (b == 0 || range(a, b + 1)) && followed_by(pc, Op::EXTRAARG);
      case Op::CLOSURE:
        return reg(a) && bytecode::get_bx(i) < static_cast<int>(bp.children.size());
      case Op::VARARG: return reg(a) && (c < 2 || range(a, c - 1));
      case Op::EXTRAARG: {
        if (pc == 0) return false;
        Op previous = op_at(pc - 1);
        return previous == Op::LOADKX || previous == Op::NEWTABLE || previous == Op::SETLIST;
      }
    }
    return false;
  }
};

const char* verify(const Blueprint& bp, int depth) {
  if (depth > chunk::max_nesting) return "functions nested too deeply";
  if (bp.max_stack_size < 2) return "frame too small";
  if (bp.num_params > bp.max_stack_size) return "more parameters than registers";
  if (bp.code.empty() || bp.code.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    return "bad code size";
  if (bp.upvalues.size() > 255) return "too many upvalues";
  if (bp.children.size() > static_cast<std::size_t>(bytecode::max_bx) + 1) return "too many functions";
  if (!bp.line_info.empty() && bp.line_info.size() != bp.code.size()) return "bad line information";
  Op last = bytecode::get_op(bp.code.back());
  if (last != Op::RETURN && last != Op::RETURN0 && last != Op::RETURN1) return "code does not end with a return";
  Verifier v{bp, static_cast<int>(bp.code.size()), bp.max_stack_size,
             static_cast<int>(bp.constants.size()), static_cast<int>(bp.upvalues.size())};
  for (int pc = 0; pc < v.size; pc++)
    if (!v.instruction(pc)) return "invalid instruction";
  // RETURN0/RETURN1 do not look for open upvalues or to-be-closed variables (the VM relies on the
  // compiler's shapes, engine/compiler/CODE_SHAPES.md): allow them only where none can exist.
  bool quick_return = false, may_need_close = bp.is_vararg;
  for (Instruction i : bp.code) {
    Op op = bytecode::get_op(i);
    quick_return = quick_return || op == Op::RETURN0 || op == Op::RETURN1;
    may_need_close = may_need_close || op == Op::TBC || op == Op::TFORPREP;
  }
  for (const auto& child : bp.children)
    for (const auto& u : child->upvalues) may_need_close = may_need_close || u.in_stack;
  if (quick_return && may_need_close) return "RETURN0/RETURN1 in a function that needs closing";
  for (const auto& local : bp.locals)
    if (local.start_pc < 0 || local.end_pc < local.start_pc || local.end_pc > v.size)
      return "bad local variable range";
  for (const auto& child : bp.children) {
    for (const auto& u : child->upvalues) {
      if (u.in_stack ? u.index >= bp.max_stack_size : u.index >= bp.upvalues.size())
        return "bad upvalue descriptor";
    }
    if (const char* why = verify(*child, depth + 1)) return why;
  }
  return nullptr;
}

std::string display_name(std::string_view chunkname) {
  if (!chunkname.empty() && (chunkname[0] == '@' || chunkname[0] == '=')) return std::string(chunkname.substr(1));
  if (!chunkname.empty() && chunkname[0] == chunk::signature[0]) return "binary string";
  return std::string(chunkname);
}

}  // namespace

std::string verify_blueprint(const Blueprint& bp) {
  const char* why = verify(bp, 0);
  return why == nullptr ? std::string() : std::string(why);
}

UndumpResult undump(std::string_view bytes, std::string_view chunkname) {
  const char* why = nullptr;
  try {
    Reader in(bytes);
    check_header(in);
    std::uint8_t main_upvalues = in.byte();
    std::unique_ptr<Blueprint> bp = read_function(in, "=?", 0);
    if (bp->upvalues.size() != main_upvalues || verify(*bp, 0) != nullptr)
      why = "corrupted chunk";
    else
      return bp;
  } catch (const Failure& failure) {
    why = failure.why;
  } catch (const std::bad_alloc&) {
    why = "not enough memory";
  }
  return display_name(chunkname) + ": bad binary format (" + why + ")";
}

}  // namespace luna::runtime
