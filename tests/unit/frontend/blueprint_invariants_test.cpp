// Structural invariants of compiled blueprints (what bytecode/blueprint.h promises the loader and
// the VM), checked over varied programs, including ones that push the encoding limits: more than
// 255 constants (operand-byte K indexes), more than 65535 constants (LOADKX), long strings as keys,
// and large constructors.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <variant>

#include "bytecode/blueprint.h"
#include "compiler/compiler.h"

using namespace luna::bytecode;

namespace {

bool is_test(Op op) { return op >= Op::EQ && op <= Op::TESTSET; }

bool is_short_string(const Blueprint& f, int k) {
  if (k < 0 || static_cast<std::size_t>(k) >= f.constants.size()) return false;
  const auto* s = std::get_if<std::string>(&f.constants[static_cast<std::size_t>(k)]);
  return s && s->size() <= 40;
}

void verify(const Blueprint& f, std::set<Op>& seen, bool is_main) {
  const int n = static_cast<int>(f.code.size());
  ASSERT_GT(n, 0);
  ASSERT_EQ(f.line_info.size(), f.code.size());
  ASSERT_GE(f.max_stack_size, 2);
  if (is_main) {
    EXPECT_TRUE(f.is_vararg);
    ASSERT_FALSE(f.upvalues.empty());
    EXPECT_EQ(f.upvalues[0].name, "_ENV");
  }
  Op last = get_op(f.code.back());
  EXPECT_TRUE(last == Op::RETURN || last == Op::RETURN0 || last == Op::RETURN1);
  const int regs = f.max_stack_size;
  const int nk = static_cast<int>(f.constants.size());
  const int nup = static_cast<int>(f.upvalues.size());
  for (int pc = 0; pc < n; ++pc) {
    Instruction i = f.code[static_cast<std::size_t>(pc)];
    Op op = get_op(i);
    seen.insert(op);
    int a = get_a(i), b = get_b(i), c = get_c(i);
    SCOPED_TRACE("pc " + std::to_string(pc + 1) + " " + std::string(name_of(op)));
    ASSERT_LT(static_cast<int>(op), op_count);
    if (op != Op::JMP && op != Op::EXTRAARG && op != Op::SETTABUP && op != Op::SETTABUPK) {
      EXPECT_LT(a, regs);
    }
    if (is_test(op)) {
      ASSERT_LT(pc + 1, n);
      EXPECT_EQ(get_op(f.code[static_cast<std::size_t>(pc + 1)]), Op::JMP);
    }
    if (op == Op::NEWTABLE || op == Op::SETLIST || op == Op::LOADKX) {
      ASSERT_LT(pc + 1, n);
      EXPECT_EQ(get_op(f.code[static_cast<std::size_t>(pc + 1)]), Op::EXTRAARG);
    }
    switch (op) {
      case Op::MOVE:
      case Op::UNM:
      case Op::BNOT:
      case Op::NOT:
      case Op::LEN:
        EXPECT_LT(b, regs);
        break;
      case Op::LOADK:
        EXPECT_LT(get_bx(i), nk);
        break;
      case Op::LOADKX:
        EXPECT_LT(get_ax(f.code[static_cast<std::size_t>(pc + 1)]), nk);
        break;
      case Op::GETUPVAL:
      case Op::SETUPVAL:
        EXPECT_LT(b, nup);
        break;
      case Op::GETTABUP:
        EXPECT_LT(b, nup);
        EXPECT_TRUE(is_short_string(f, c));
        break;
      case Op::GETFIELD:
        EXPECT_LT(b, regs);
        EXPECT_TRUE(is_short_string(f, c));
        break;
      case Op::SELF:
        EXPECT_LT(b, regs);
        EXPECT_TRUE(is_short_string(f, c));
        break;
      case Op::GETTABLE:
        EXPECT_LT(b, regs);
        EXPECT_LT(c, regs);
        break;
      case Op::GETI:
        EXPECT_LT(b, regs);
        break;
      case Op::SETTABUP:
        EXPECT_LT(a, nup);
        EXPECT_TRUE(is_short_string(f, b));
        EXPECT_LT(c, regs);
        break;
      case Op::SETTABUPK:
        EXPECT_LT(a, nup);
        EXPECT_TRUE(is_short_string(f, b));
        EXPECT_LT(c, nk);
        break;
      case Op::SETFIELD:
        EXPECT_TRUE(is_short_string(f, b));
        EXPECT_LT(c, regs);
        break;
      case Op::SETFIELDK:
        EXPECT_TRUE(is_short_string(f, b));
        EXPECT_LT(c, nk);
        break;
      case Op::SETTABLE:
        EXPECT_LT(b, regs);
        EXPECT_LT(c, regs);
        break;
      case Op::SETTABLEK:
        EXPECT_LT(b, regs);
        EXPECT_LT(c, nk);
        break;
      case Op::SETI:
        EXPECT_LT(c, regs);
        break;
      case Op::SETIK:
        EXPECT_LT(c, nk);
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
      case Op::BXORK: {
        EXPECT_LT(b, regs);
        ASSERT_LT(c, nk);
        const Constant& k = f.constants[static_cast<std::size_t>(c)];
        EXPECT_TRUE(std::holds_alternative<std::int64_t>(k) || std::holds_alternative<double>(k));
        if (op >= Op::BANDK) {
          EXPECT_TRUE(std::holds_alternative<std::int64_t>(k));
        }
        break;
      }
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
      case Op::EQ:
      case Op::LT:
      case Op::LE:
        EXPECT_LT(b, regs);
        EXPECT_LT(c, op >= Op::EQ ? 2 : regs);
        break;
      case Op::EQK:
        ASSERT_LT(b, nk);
        EXPECT_FALSE(std::holds_alternative<Nil>(f.constants[static_cast<std::size_t>(b)]));
        EXPECT_LT(c, 2);
        break;
      case Op::CONCAT:
        EXPECT_GE(b, 2);
        EXPECT_LE(a + b, regs);
        break;
      case Op::JMP: {
        int target = pc + 1 + get_sj(i);
        EXPECT_GE(target, 0);
        EXPECT_LT(target, n);
        break;
      }
      case Op::CLOSURE:
        EXPECT_LT(get_bx(i), static_cast<int>(f.children.size()));
        break;
      case Op::RETURN0:
      case Op::RETURN1:
        EXPECT_FALSE(f.is_vararg);
        break;
      case Op::FORPREP: {
        int loop = pc + 1 + get_bx(i);
        ASSERT_LT(loop, n);
        Instruction l = f.code[static_cast<std::size_t>(loop)];
        EXPECT_EQ(get_op(l), Op::FORLOOP);
        EXPECT_EQ(get_a(l), a);
        EXPECT_EQ(loop + 1 - get_bx(l), pc + 1);
        EXPECT_LT(a + 3, regs);
        break;
      }
      case Op::TFORPREP: {
        int call = pc + 1 + get_bx(i);
        ASSERT_LT(call + 1, n);
        EXPECT_EQ(get_op(f.code[static_cast<std::size_t>(call)]), Op::TFORCALL);
        Instruction l = f.code[static_cast<std::size_t>(call + 1)];
        EXPECT_EQ(get_op(l), Op::TFORLOOP);
        EXPECT_EQ(call + 2 - get_bx(l), pc + 1);
        break;
      }
      default:
        break;
    }
  }
  for (const LocalVarInfo& local : f.locals) {
    EXPECT_LE(local.start_pc, local.end_pc);
    EXPECT_LE(local.end_pc, n);
  }
  for (const auto& child : f.children) {
    EXPECT_EQ(child->source, f.source);
    EXPECT_GT(child->line_defined, 0);
    EXPECT_GE(child->last_line_defined, child->line_defined);
    verify(*child, seen, false);
  }
}

std::unique_ptr<Blueprint> compile_ok(const std::string& source) {
  auto result = luna::compiler::compile(source, "=test");
  if (auto* error = std::get_if<luna::compiler::CompileError>(&result)) {
    ADD_FAILURE() << error->message;
    return nullptr;
  }
  return std::move(std::get<0>(result));
}

const char* kitchen_sink = R"LUA(
local a, b, c = 1, 2.5, "three"
local t = {a, b, c; x = 1, ["y"] = 2, [3] = 4, n = {1, 2, {3}}, ...}
t.x, t[1], t[a] = t.y, t[2], t[b]
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
function t.m(self, x) return self, x end
local function tail(x) return fib(x) end
function t:n(...) return select('#', ...), ... end
local s = 0
for i = 1, 100 do s = s + i * 2 - 1 // 3 % 4 ^ 2 / 5 end
for i = 10, 1, -1 do if i % 2 == 0 then goto skip end; s = s - i ::skip:: end
for k, v in pairs(t) do s = s .. k .. tostring(v) end
while s ~= 0 do s = s >> 1 end
repeat local z = s; s = s + 1 until z > 10 or s >= 20 and not (s == 15)
do local x <close> = nil; local y <const> = 3; s = s + y end
local up = 0
local function counter() up = up + 1; return up end
local r = counter() and counter() or counter()
local q = not r, r == nil, r ~= false, -r, ~r, #t, r & 0xff | 1 ~ 2 << 3
if a < b then elseif b <= c then elseif a > 1 then elseif a >= 2.5 then else end
local big = 9223372036854775807 + 1
local f = 1e308 * 10
print(t:n(1, 2, 3), fib(10), (t:m(a)))
return t, fib, function(...) return ... end
)LUA";

}  // namespace

TEST(BlueprintInvariants, KitchenSink) {
  auto bp = compile_ok(kitchen_sink);
  ASSERT_TRUE(bp);
  std::set<Op> seen;
  verify(*bp, seen, true);
  for (Op op :
       {Op::MOVE,     Op::LOADI,    Op::LOADK,    Op::LOADNIL,  Op::GETUPVAL, Op::SETUPVAL, Op::GETTABUP,
        Op::GETTABLE, Op::GETFIELD, Op::SETTABLE, Op::SETFIELD, Op::NEWTABLE, Op::SELF,     Op::ADDI,
        Op::CONCAT,   Op::CLOSE,    Op::TBC,      Op::JMP,      Op::TEST,     Op::CALL,     Op::TAILCALL,
        Op::RETURN,   Op::RETURN1,  Op::FORPREP,  Op::FORLOOP,  Op::TFORPREP, Op::TFORCALL, Op::TFORLOOP,
        Op::SETLIST,  Op::CLOSURE,  Op::VARARG,   Op::EXTRAARG})
    EXPECT_TRUE(seen.count(op)) << name_of(op);
}

TEST(BlueprintInvariants, ManyConstantsUseRegisterForms) {
  // 300 distinct string constants first: later constants have indexes beyond an operand byte.
  std::string source = "local t = {}\n";
  for (int i = 0; i < 300; ++i) source += "t.k" + std::to_string(i) + " = 'v" + std::to_string(i) + "'\n";
  source +=
      "t.late = 'late value'\nglobal_late = t.late2\nlocal eq = t.x == 'another late'\n"
      "t:late_method()\nreturn t.k1 + 1.25, t[1] + 12345.5\n";
  auto bp = compile_ok(source);
  ASSERT_TRUE(bp);
  std::set<Op> seen;
  verify(*bp, seen, true);
  EXPECT_GT(bp->constants.size(), 600u);
  EXPECT_TRUE(seen.count(Op::SETTABLE) || seen.count(Op::SETTABLEK));
  EXPECT_TRUE(seen.count(Op::GETTABLE));
}

TEST(BlueprintInvariants, LoadKxBeyond16BitConstants) {
  std::string source = "local t = {";
  for (int i = 0; i < 70000; ++i) source += std::to_string(i) + ".5,";
  source += "}\nreturn t";
  auto bp = compile_ok(source);
  ASSERT_TRUE(bp);
  std::set<Op> seen;
  verify(*bp, seen, true);
  EXPECT_TRUE(seen.count(Op::LOADKX));
  // 70000 list items -> SETLIST batches of 50, each with its offset in EXTRAARG.
  int setlists = 0;
  for (Instruction i : bp->code) setlists += get_op(i) == Op::SETLIST;
  EXPECT_EQ(setlists, 1400);
  EXPECT_EQ(get_ax(bp->code[1]), 70000);  // NEWTABLE's EXTRAARG: array size
}

TEST(BlueprintInvariants, LongStringKeysAndMethods) {
  std::string long_name(50, 'm');
  auto bp = compile_ok("local o = {}\no." + long_name + " = 1\nglobal_" + long_name + " = o." + long_name +
                       "\no:" + long_name + "()\nreturn " + long_name);
  ASSERT_TRUE(bp);
  std::set<Op> seen;
  verify(*bp, seen, true);
  EXPECT_FALSE(seen.count(Op::SELF));
  EXPECT_FALSE(seen.count(Op::GETFIELD));
}

TEST(BlueprintInvariants, DeepRegisterUse) {
  std::string source = "local ";
  for (int i = 0; i < 200; ++i) source += (i ? ",v" : "v") + std::to_string(i);
  source +=
      "\nreturn f(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, "
      "v20, v21, v22, v23, v24, v25, v26, v27, v28, v29, v30, v31, v32, v33, v34, v35, v36, v37, v38, v39, "
      "v40, v41, v42, v43, v44, v45, v46, v47, v48, v49, v50)";
  auto bp = compile_ok(source);
  ASSERT_TRUE(bp);
  std::set<Op> seen;
  verify(*bp, seen, true);
  EXPECT_EQ(bp->max_stack_size, 252);
}

TEST(BlueprintInvariants, LocalsDebugInfoOrder) {
  auto bp = compile_ok(
      "local a = 1\ndo local b = 2 end\nlocal c <const> = 3\nlocal d = c\n"
      "for i = 1, 2 do local e = i end\nreturn a, d");
  ASSERT_TRUE(bp);
  std::vector<std::string> names;
  for (const auto& local : bp->locals) names.push_back(local.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"a", "b", "d", "(for state)", "(for state)", "(for state)", "i", "e"}));
  EXPECT_EQ(bp->locals[1].end_pc - bp->locals[1].start_pc, 0);  // 'b' dies at once
}

// Deterministic mutation fuzzing: whatever the input, compile() returns either a blueprint that
// satisfies the invariants or a positioned error message.
TEST(BlueprintInvariants, MutatedSourcesNeverBreakInvariants) {
  const std::string base = kitchen_sink;
  const char* fragments[] = {
      "(",   ")",       "{",        "}",      "[",      "]",     "=",     "==", "..",   "...",
      "end", "local ",  "function", "return", "goto x", "::x::", "break", "if", "then", "\"",
      "'",   "[[",      "]]",       "--[[",   "0x",     "1e",    "\\",    ",",  ";",    ".",
      ":",   "<const>", "<close>",  "+",      "-",      "not",   "and",   "or", "nil",  "\n"};
  std::uint64_t state = 0x9E3779B97F4A7C15u;
  auto next = [&state](std::uint64_t bound) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<std::size_t>((state >> 33) % bound);
  };
  int compiled = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string source = base;
    int edits = 1 + static_cast<int>(next(3));
    for (int e = 0; e < edits; ++e) {
      std::size_t at = next(source.size() + 1);
      if (next(2) == 0)
        source.erase(at, next(6));
      else
        source.insert(at, fragments[next(sizeof fragments / sizeof fragments[0])]);
    }
    auto result = luna::compiler::compile(source, "=test");
    if (auto* error = std::get_if<luna::compiler::CompileError>(&result)) {
      EXPECT_EQ(error->message.rfind("test:", 0), 0u) << error->message;
      continue;
    }
    ++compiled;
    std::set<Op> seen;
    verify(*std::get<0>(result), seen, true);
  }
  EXPECT_GT(compiled, 10);
}
