// Binary chunks: dump_blueprint/undump round trips, header and truncation messages, the verifier's
// rejection of out-of-range operands, and random corruption (which must never yield a blueprint
// that breaks an invariant).
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "bytecode/opcodes.h"
#include "runtime/dump.h"
#include "runtime/undump.h"

namespace {

using namespace luna;
using bytecode::Blueprint;
using bytecode::Op;

// local t = {x = 1}; function t.f(a, ...) return a + 1.5, "s" end; return t.f(2)
std::unique_ptr<Blueprint> sample() {
  auto child = std::make_unique<Blueprint>();
  child->num_params = 1;
  child->is_vararg = true;
  child->max_stack_size = 4;
  child->source = "@sample.lua";
  child->line_defined = 2;
  child->last_line_defined = 4;
  child->constants = {1.5, std::string("s")};
  child->code = {
      bytecode::encode_abc(Op::ADDK, 1, 0, 0),
      bytecode::encode_abx(Op::LOADK, 2, 1),
      bytecode::encode_abc(Op::RETURN, 1, 3, 0),
  };
  child->line_info = {3, 3, 4};
  child->locals = {{"a", 0, 3}};

  auto main = std::make_unique<Blueprint>();
  main->is_vararg = true;
  main->max_stack_size = 3;
  main->source = "@sample.lua";
  main->constants = {std::string("x"), std::int64_t{1}, std::string("f"), std::int64_t{-7},
                     bytecode::Nil{}, true, false, std::string(100, 'L')};
  main->upvalues = {{"_ENV", true, 0, bytecode::UpvalueKind::regular}};
  main->code = {
      bytecode::encode_abc(Op::NEWTABLE, 0, 1, 0),
      bytecode::encode_ax(Op::EXTRAARG, 0),
      bytecode::encode_abc(Op::SETFIELDK, 0, 0, 1),
      bytecode::encode_abx(Op::CLOSURE, 1, 0),
      bytecode::encode_abc(Op::SETFIELD, 0, 2, 1),
      bytecode::encode_abc(Op::GETFIELD, 1, 0, 2),
      bytecode::encode_asbx(Op::LOADI, 2, 2),
      bytecode::encode_abc(Op::TAILCALL, 1, 2, 0),
      bytecode::encode_abc(Op::RETURN, 1, 0, 0),
  };
  main->line_info = {1, 1, 1, 4, 2, 5, 5, 5, 5};
  main->locals = {{"t", 3, 9}};
  main->children.push_back(std::move(child));
  return main;
}

void expect_same(const Blueprint& a, const Blueprint& b, bool stripped) {
  EXPECT_EQ(a.code, b.code);
  ASSERT_EQ(a.constants.size(), b.constants.size());
  for (std::size_t i = 0; i < a.constants.size(); i++) EXPECT_TRUE(a.constants[i] == b.constants[i]) << i;
  ASSERT_EQ(a.upvalues.size(), b.upvalues.size());
  for (std::size_t i = 0; i < a.upvalues.size(); i++) {
    EXPECT_EQ(stripped ? std::string() : a.upvalues[i].name, b.upvalues[i].name);
    EXPECT_EQ(a.upvalues[i].in_stack, b.upvalues[i].in_stack);
    EXPECT_EQ(a.upvalues[i].index, b.upvalues[i].index);
    EXPECT_EQ(a.upvalues[i].kind, b.upvalues[i].kind);
  }
  EXPECT_EQ(a.num_params, b.num_params);
  EXPECT_EQ(a.is_vararg, b.is_vararg);
  EXPECT_EQ(a.max_stack_size, b.max_stack_size);
  EXPECT_EQ(a.line_defined, b.line_defined);
  EXPECT_EQ(a.last_line_defined, b.last_line_defined);
  if (stripped) {
    EXPECT_EQ(b.source, "=?");
    EXPECT_TRUE(b.line_info.empty());
    EXPECT_TRUE(b.locals.empty());
  } else {
    EXPECT_EQ(a.source, b.source);
    EXPECT_EQ(a.line_info, b.line_info);
    ASSERT_EQ(a.locals.size(), b.locals.size());
    for (std::size_t i = 0; i < a.locals.size(); i++) {
      EXPECT_EQ(a.locals[i].name, b.locals[i].name);
      EXPECT_EQ(a.locals[i].start_pc, b.locals[i].start_pc);
      EXPECT_EQ(a.locals[i].end_pc, b.locals[i].end_pc);
    }
  }
  ASSERT_EQ(a.children.size(), b.children.size());
  for (std::size_t i = 0; i < a.children.size(); i++) expect_same(*a.children[i], *b.children[i], stripped);
}

std::string error_of(const runtime::UndumpResult& r) {
  const std::string* s = std::get_if<std::string>(&r);
  return s == nullptr ? std::string("<accepted>") : *s;
}

TEST(Chunk, SampleBlueprintIsValid) { EXPECT_EQ(runtime::verify_blueprint(*sample()), ""); }

TEST(Chunk, HeaderMatchesLua54) {
  std::string bytes = runtime::dump_blueprint(*sample(), false);
  const char expected[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08";
  ASSERT_GT(bytes.size(), sizeof expected);
  EXPECT_EQ(0, std::memcmp(bytes.data(), expected, sizeof expected - 1));
  std::int64_t check_int;
  double check_num;
  std::memcpy(&check_int, bytes.data() + 15, 8);
  std::memcpy(&check_num, bytes.data() + 23, 8);
  EXPECT_EQ(check_int, 0x5678);
  EXPECT_EQ(check_num, 370.5);
  EXPECT_EQ(static_cast<unsigned char>(bytes[31]), 1u);  // main function's upvalue count
}

TEST(Chunk, RoundTrip) {
  auto original = sample();
  std::string bytes = runtime::dump_blueprint(*original, false);
  auto result = runtime::undump(bytes, "=test");
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<Blueprint>>(result)) << error_of(result);
  expect_same(*original, *std::get<std::unique_ptr<Blueprint>>(result), false);
  // Dumping the loaded blueprint again gives the same bytes.
  EXPECT_EQ(runtime::dump_blueprint(*std::get<std::unique_ptr<Blueprint>>(result), false), bytes);
}

TEST(Chunk, StrippedRoundTrip) {
  auto original = sample();
  std::string full = runtime::dump_blueprint(*original, false);
  std::string stripped = runtime::dump_blueprint(*original, true);
  EXPECT_LT(stripped.size(), full.size());
  auto result = runtime::undump(stripped, "=test");
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<Blueprint>>(result)) << error_of(result);
  expect_same(*original, *std::get<std::unique_ptr<Blueprint>>(result), true);
}

TEST(Chunk, SpecialFloatsAndIntegers) {
  auto bp = sample();
  std::vector<bytecode::Constant> extra = {-0.0, std::numeric_limits<double>::infinity(),
                                           std::numeric_limits<std::int64_t>::min(),
                                           std::numeric_limits<std::int64_t>::max(),
                                           std::string("a\0b", 3)};
  bp->constants.insert(bp->constants.end(), extra.begin(), extra.end());
  auto result = runtime::undump(runtime::dump_blueprint(*bp, false), "=t");
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<Blueprint>>(result)) << error_of(result);
  const auto& k = std::get<std::unique_ptr<Blueprint>>(result)->constants;
  ASSERT_EQ(k.size(), bp->constants.size());
  EXPECT_TRUE(std::signbit(std::get<double>(k[8])));
  EXPECT_EQ(std::get<double>(k[9]), std::numeric_limits<double>::infinity());
  EXPECT_EQ(std::get<std::int64_t>(k[10]), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(std::get<std::int64_t>(k[11]), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(std::get<std::string>(k[12]), std::string("a\0b", 3));
}

TEST(Chunk, HeaderErrors) {
  std::string good = runtime::dump_blueprint(*sample(), false);
  auto with = [&](std::size_t at, char c) {
    std::string b = good;
    b[at] = c;
    return error_of(runtime::undump(b, "@file.lua"));
  };
  EXPECT_EQ(with(1, 'X'), "file.lua: bad binary format (not a binary chunk)");
  EXPECT_EQ(with(4, 0x53), "file.lua: bad binary format (version mismatch)");
  EXPECT_EQ(with(5, 1), "file.lua: bad binary format (format mismatch)");
  EXPECT_EQ(with(7, 'x'), "file.lua: bad binary format (corrupted chunk)");
  EXPECT_EQ(with(12, 8), "file.lua: bad binary format (Instruction size mismatch)");
  EXPECT_EQ(with(13, 4), "file.lua: bad binary format (lua_Integer size mismatch)");
  EXPECT_EQ(with(14, 4), "file.lua: bad binary format (lua_Number size mismatch)");
  EXPECT_EQ(with(15, 0x79), "file.lua: bad binary format (integer format mismatch)");
  EXPECT_EQ(with(30, 0x11), "file.lua: bad binary format (float format mismatch)");
  EXPECT_EQ(error_of(runtime::undump("plain text", "=x")), "x: bad binary format (not a binary chunk)");
  EXPECT_EQ(error_of(runtime::undump(good.substr(0, 40), good)),
            "binary string: bad binary format (truncated chunk)");
  EXPECT_EQ(error_of(runtime::undump(good.substr(0, 10), "chunk")),
            "chunk: bad binary format (truncated chunk)");
}

TEST(Chunk, EveryTruncationIsReported) {
  std::string good = runtime::dump_blueprint(*sample(), false);
  for (std::size_t n = 0; n < good.size(); n++) {
    EXPECT_EQ(error_of(runtime::undump(good.substr(0, n), "=t")), "t: bad binary format (truncated chunk)")
        << "length " << n;
  }
}

// Each mutation breaks one invariant; the chunk must be rejected as corrupted.
TEST(Chunk, VerifierRejectsOutOfRangeOperands) {
  using Mutation = void (*)(Blueprint&);
  const Mutation mutations[] = {
      [](Blueprint& b) { b.code[5] = bytecode::encode_abc(Op::GETFIELD, 3, 0, 2); },    // register A
      [](Blueprint& b) { b.code[5] = bytecode::encode_abc(Op::GETFIELD, 1, 0, 99); },   // constant
      [](Blueprint& b) { b.code[5] = bytecode::encode_abc(Op::GETFIELD, 1, 0, 1); },    // key not a string
      [](Blueprint& b) { b.code[5] = bytecode::encode_abc(Op::GETFIELD, 1, 0, 7); },    // long-string key
      [](Blueprint& b) { b.code[5] = bytecode::encode_abc(Op::GETTABUP, 1, 1, 2); },    // upvalue
      [](Blueprint& b) { b.code[3] = bytecode::encode_abx(Op::CLOSURE, 1, 1); },        // child
      [](Blueprint& b) { b.code[1] = bytecode::encode_abc(Op::MOVE, 0, 0, 0); },        // NEWTABLE w/o EXTRAARG
      [](Blueprint& b) { b.code[4] = bytecode::encode_ax(Op::EXTRAARG, 0); },           // stray EXTRAARG
      [](Blueprint& b) { b.code[6] = bytecode::encode_sj(Op::JMP, 100); },              // jump out of code
      [](Blueprint& b) { b.code[6] = bytecode::encode_sj(Op::JMP, -6); },               // jump onto EXTRAARG
      [](Blueprint& b) { b.code[6] = bytecode::encode_abc(Op::EQ, 0, 1, 0); },          // test without JMP
      [](Blueprint& b) { b.code.back() = bytecode::encode_abc(Op::MOVE, 0, 1, 0); },    // no final return
      [](Blueprint& b) { b.code[7] = bytecode::encode_abc(Op::CALL, 1, 5, 1); },        // arguments overflow
      [](Blueprint& b) { b.code[6] = bytecode::encode_abx(Op::FORPREP, 0, 1); },        // no matching FORLOOP
      [](Blueprint& b) { b.code[6] = bytecode::encode_abc(Op::CONCAT, 1, 3, 0); },      // range
      [](Blueprint& b) { b.code[6] = bytecode::encode_abc(Op::LOADNIL, 1, 5, 0); },     // range
      [](Blueprint& b) { b.code[6] = 0xFFu; },                                            // unknown opcode
      [](Blueprint& b) { b.max_stack_size = 1; },
      [](Blueprint& b) { b.num_params = 9; },
      [](Blueprint& b) { b.children[0]->upvalues.push_back({"u", true, 9, bytecode::UpvalueKind::regular}); },
      [](Blueprint& b) { b.children[0]->upvalues.push_back({"u", false, 3, bytecode::UpvalueKind::regular}); },
      [](Blueprint& b) { b.children[0]->code[0] = bytecode::encode_abc(Op::ADDK, 1, 0, 1); },  // K not a number
      [](Blueprint& b) { b.children[0]->code[0] = bytecode::encode_abc(Op::BANDK, 1, 0, 0); }, // K not integer
      [](Blueprint& b) { b.locals[0].end_pc = 50; },
      // RETURN0/RETURN1 skip closing, so not in a vararg function, nor near tbc/captured locals
      [](Blueprint& b) { b.children[0]->code[2] = bytecode::encode_abc(Op::RETURN1, 1, 0, 0); },
      [](Blueprint& b) {
        b.is_vararg = false;
        b.code.back() = bytecode::encode_abc(Op::RETURN0, 0, 0, 0);
        b.children[0]->upvalues.push_back({"t", true, 0, bytecode::UpvalueKind::regular});
      },
      [](Blueprint& b) {
        b.is_vararg = false;
        b.code.back() = bytecode::encode_abc(Op::RETURN0, 0, 0, 0);
        b.code[6] = bytecode::encode_abc(Op::TBC, 2, 0, 0);
      },
      [](Blueprint& b) { b.code.clear(); b.line_info.clear(); },
  };
  int index = 0;
  for (Mutation mutate : mutations) {
    auto bp = sample();
    mutate(*bp);
    EXPECT_NE(runtime::verify_blueprint(*bp), "") << "mutation " << index;
    EXPECT_EQ(error_of(runtime::undump(runtime::dump_blueprint(*bp, false), "=m")),
              "m: bad binary format (corrupted chunk)")
        << "mutation " << index;
    index++;
  }
}

TEST(Chunk, DeepNestingIsRejected) {
  auto root = sample();
  Blueprint* at = root.get();
  for (int depth = 0; depth < 300; depth++) {
    auto child = sample();
    child->children.clear();
    child->code[3] = bytecode::encode_asbx(Op::LOADI, 1, 0);
    Blueprint* next = child.get();
    at->children.clear();
    at->children.push_back(std::move(child));
    at = next;
  }
  EXPECT_EQ(error_of(runtime::undump(runtime::dump_blueprint(*root, false), "=deep")),
            "deep: bad binary format (corrupted chunk)");
}

// Random byte flips: whatever comes out must be either an error or a blueprint that verifies.
TEST(Chunk, RandomCorruptionNeverYieldsAnInvalidBlueprint) {
  std::string good = runtime::dump_blueprint(*sample(), false);
  std::mt19937 random(12345);
  int accepted = 0, rejected = 0;
  for (int trial = 0; trial < 20000; trial++) {
    std::string bytes = good;
    int flips = 1 + static_cast<int>(random() % 4);
    for (int f = 0; f < flips; f++) {
      std::size_t at = random() % bytes.size();
      bytes[at] = static_cast<char>(bytes[at] ^ static_cast<char>(1u << (random() % 8)));
    }
    if (random() % 8 == 0) bytes.resize(random() % bytes.size());
    auto result = runtime::undump(bytes, "=fuzz");
    if (auto* bp = std::get_if<std::unique_ptr<Blueprint>>(&result)) {
      EXPECT_EQ(runtime::verify_blueprint(**bp), "");
      accepted++;
    } else {
      EXPECT_EQ(std::get<std::string>(result).rfind("fuzz: bad binary format (", 0), 0u);
      rejected++;
    }
  }
  EXPECT_GT(rejected, 0);
  EXPECT_GT(accepted, 0);  // some flips only touch line numbers or constants' payloads
}

}  // namespace
