// Golden listings: small programs covering every statement kind and opcode family, compiled and
// disassembled (addresses hidden), compared with the expected listing kept here. The listings
// were reviewed against `luac5.4 -l` output; they differ from it only where Luna's instruction set
// differs (no MMBIN*/VARARGPREP, K-operand store opcodes, EXTRAARG after NEWTABLE/SETLIST,
// EQ with a nil register instead of EQK nil, 16-bit sBx). Internal opcodes (the *_SWAP forms,
// SUBI, SHLI_NEG) print as the 5.4 opcode they stand for.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "bytecode/disasm.h"
#include "compiler/compiler.h"

namespace {

struct GoldenCase {
  const char* name;
  bool full;  // include constants/locals/upvalues tables
  const char* source;
  const char* listing;
};

const GoldenCase golden_cases[] = {
    {"locals_and_constants", false,
     "local a, b, c = 1, 2.5, 'str'\nlocal d, e = nil, true\nlocal f = false\nlocal g = 100000\nlocal h = "
     "-0.5",
     R"GOLD(
main <(string):0,0> (9 instructions at 0x0)
0+ params, 8 slots, 1 upvalue, 8 locals, 4 constants, 0 functions
	1	[1]	LOADI    	0 1
	2	[1]	LOADK    	1 0	; 2.5
	3	[1]	LOADK    	2 1	; "str"
	4	[2]	LOADNIL  	3 0	; 1 out
	5	[2]	LOADTRUE 	4
	6	[3]	LOADFALSE	5
	7	[4]	LOADK    	6 2	; 100000
	8	[5]	LOADK    	7 3	; -0.5
	9	[5]	RETURN   	8 1 0	; 0 out
)GOLD"},
    {"multiple_assignment_swap", false, "local a, b = 1, 2\na, b = b, a",
     R"GOLD(
main <(string):0,0> (6 instructions at 0x0)
0+ params, 3 slots, 1 upvalue, 2 locals, 0 constants, 0 functions
	1	[1]	LOADI    	0 1
	2	[1]	LOADI    	1 2
	3	[2]	MOVE     	2 1
	4	[2]	MOVE     	1 0
	5	[2]	MOVE     	0 2
	6	[2]	RETURN   	2 1 0	; 0 out
)GOLD"},
    {"assignment_adjust", false, "local a, b, c = f()\nlocal d, e = 1\nx, y = 1, 2, 3",
     R"GOLD(
main <(string):0,0> (10 instructions at 0x0)
0+ params, 8 slots, 1 upvalue, 5 locals, 3 constants, 0 functions
	1	[1]	GETTABUP 	0 0 0	; _ENV "f"
	2	[1]	CALL     	0 1 4	; 0 in 3 out
	3	[2]	LOADI    	3 1
	4	[2]	LOADNIL  	4 0	; 1 out
	5	[3]	LOADI    	5 1
	6	[3]	LOADI    	6 2
	7	[3]	LOADI    	7 3
	8	[3]	SETTABUP 	0 2 6	; _ENV "y"
	9	[3]	SETTABUP 	0 1 5	; _ENV "x"
	10	[3]	RETURN   	5 1 0	; 0 out
)GOLD"},
    {"check_conflict_local", false, "local t, i = {}, 1\ni, t[i] = i + 1, 20",
     R"GOLD(
main <(string):0,0> (7 instructions at 0x0)
0+ params, 3 slots, 1 upvalue, 2 locals, 1 constant, 0 functions
	1	[1]	NEWTABLE 	0 0 0	; 0
	2	[1]	EXTRAARG 	0
	3	[1]	LOADI    	1 1
	4	[2]	ADDI     	2 1 1
	5	[2]	SETTABLEK	0 1 0	; 20
	6	[2]	MOVE     	1 2
	7	[2]	RETURN   	2 1 0	; 0 out
)GOLD"},
    {"check_conflict_upvalue", false, "t, t.x = {}, 1",
     R"GOLD(
main <(string):0,0> (6 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 0 locals, 3 constants, 0 functions
	1	[1]	GETTABUP 	0 0 0	; _ENV "t"
	2	[1]	NEWTABLE 	1 0 0	; 0
	3	[1]	EXTRAARG 	0
	4	[1]	SETFIELDK	0 1 2	; "x" 1
	5	[1]	SETTABUP 	0 0 1	; _ENV "t"
	6	[1]	RETURN   	0 1 0	; 0 out
)GOLD"},
    {"globals_and_fields", false, "x = y\ny.z = w.q\nx.a.b = 1\nx[1] = true\nx[k] = 'v'",
     R"GOLD(
main <(string):0,0> (15 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 0 locals, 11 constants, 0 functions
	1	[1]	GETTABUP 	0 0 1	; _ENV "y"
	2	[1]	SETTABUP 	0 0 0	; _ENV "x"
	3	[2]	GETTABUP 	0 0 1	; _ENV "y"
	4	[2]	GETTABUP 	1 0 3	; _ENV "w"
	5	[2]	GETFIELD 	1 1 4	; "q"
	6	[2]	SETFIELD 	0 2 1	; "z"
	7	[3]	GETTABUP 	0 0 0	; _ENV "x"
	8	[3]	GETFIELD 	0 0 5	; "a"
	9	[3]	SETFIELDK	0 6 7	; "b" 1
	10	[4]	GETTABUP 	0 0 0	; _ENV "x"
	11	[4]	SETIK    	0 1 8	; true
	12	[5]	GETTABUP 	0 0 0	; _ENV "x"
	13	[5]	GETTABUP 	1 0 9	; _ENV "k"
	14	[5]	SETTABLEK	0 1 10	; "v"
	15	[5]	RETURN   	0 1 0	; 0 out
)GOLD"},
    {"env_local", false, "local _ENV = {}\nx = 1\nreturn y",
     R"GOLD(
main <(string):0,0> (6 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 1 local, 3 constants, 0 functions
	1	[1]	NEWTABLE 	0 0 0	; 0
	2	[1]	EXTRAARG 	0
	3	[2]	SETFIELDK	0 0 1	; "x" 1
	4	[3]	GETFIELD 	1 0 2	; "y"
	5	[3]	RETURN   	1 2 0	; 1 out
	6	[3]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"long_field_name", false,
     "local t = {}\nt.a_very_long_field_name_that_is_longer_than_forty = 1\nreturn "
     "t.a_very_long_field_name_that_is_longer_than_forty",
     R"GOLD(
main <(string):0,0> (8 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 1 local, 2 constants, 0 functions
	1	[1]	NEWTABLE 	0 0 0	; 0
	2	[1]	EXTRAARG 	0
	3	[2]	LOADK    	1 0	; "a_very_long_field_name_that_is_longer_than_forty"
	4	[2]	SETTABLEK	0 1 1	; 1
	5	[3]	LOADK    	1 0	; "a_very_long_field_name_that_is_longer_than_forty"
	6	[3]	GETTABLE 	1 0 1
	7	[3]	RETURN   	1 2 0	; 1 out
	8	[3]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"integer_keys", false, "local t = {}\nt[0] = t[255]\nt[256] = t[-1]\nt[1.0] = 2",
     R"GOLD(
main <(string):0,0> (11 instructions at 0x0)
0+ params, 3 slots, 1 upvalue, 1 local, 1 constant, 0 functions
	1	[1]	NEWTABLE 	0 0 0	; 0
	2	[1]	EXTRAARG 	0
	3	[2]	GETI     	1 0 255
	4	[2]	SETI     	0 0 1
	5	[3]	LOADI    	1 256
	6	[3]	LOADI    	2 -1
	7	[3]	GETTABLE 	2 0 2
	8	[3]	SETTABLE 	0 1 2
	9	[4]	LOADF    	1 1
	10	[4]	SETTABLEK	0 1 0	; 2
	11	[4]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"arith_register_forms", false, "local a, b\nreturn a + b, a - b, a * b, a / b, a % b, a // b, a ^ b",
     R"GOLD(
main <(string):0,0> (10 instructions at 0x0)
0+ params, 9 slots, 1 upvalue, 2 locals, 0 constants, 0 functions
	1	[1]	LOADNIL  	0 1	; 2 out
	2	[2]	ADD      	2 0 1
	3	[2]	SUB      	3 0 1
	4	[2]	MUL      	4 0 1
	5	[2]	DIV      	5 0 1
	6	[2]	MOD      	6 0 1
	7	[2]	IDIV     	7 0 1
	8	[2]	POW      	8 0 1
	9	[2]	RETURN   	2 8 0	; 7 out
	10	[2]	RETURN   	2 1 0	; 0 out
)GOLD"},
    {"arith_constant_forms", false,
     "local a\nreturn a + 1, a + 1000, a - 1, a * 2, a / 2, a % 3, a // 4, a ^ 2, a + 1.5",
     R"GOLD(
main <(string):0,0> (12 instructions at 0x0)
0+ params, 10 slots, 1 upvalue, 1 local, 5 constants, 0 functions
	1	[1]	LOADNIL  	0 0	; 1 out
	2	[2]	ADDI     	1 0 1
	3	[2]	ADDK     	2 0 0	; 1000
	4	[2]	ADDI     	3 0 -1
	5	[2]	MULK     	4 0 1	; 2
	6	[2]	DIVK     	5 0 1	; 2
	7	[2]	MODK     	6 0 2	; 3
	8	[2]	IDIVK    	7 0 3	; 4
	9	[2]	POWK     	8 0 1	; 2
	10	[2]	ADDK     	9 0 4	; 1.5
	11	[2]	RETURN   	1 10 0	; 9 out
	12	[2]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"constant_left_operand", false, "local a\nreturn 1 + a, 2 * a, 1.5 - a",
     R"GOLD(
main <(string):0,0> (7 instructions at 0x0)
0+ params, 4 slots, 1 upvalue, 1 local, 2 constants, 0 functions
	1	[1]	LOADNIL  	0 0	; 1 out
	2	[2]	ADDI     	1 0 1
	3	[2]	MULK     	2 0 0	; 2
	4	[2]	LOADK    	3 1	; 1.5
	5	[2]	SUB      	3 3 0
	6	[2]	RETURN   	1 4 0	; 3 out
	7	[2]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"bitwise", false, "local a, b\nreturn a & b, a | 1, a ~ 2, a << b, a >> b, a >> 3, 3 << a, a << 3, ~a",
     R"GOLD(
main <(string):0,0> (12 instructions at 0x0)
0+ params, 11 slots, 1 upvalue, 2 locals, 2 constants, 0 functions
	1	[1]	LOADNIL  	0 1	; 2 out
	2	[2]	BAND     	2 0 1
	3	[2]	BORK     	3 0 0	; 1
	4	[2]	BXORK    	4 0 1	; 2
	5	[2]	SHL      	5 0 1
	6	[2]	SHR      	6 0 1
	7	[2]	SHRI     	7 0 3
	8	[2]	SHLI     	8 0 3
	9	[2]	SHRI     	9 0 -3
	10	[2]	BNOT     	10 0
	11	[2]	RETURN   	2 10 0	; 9 out
	12	[2]	RETURN   	2 1 0	; 0 out
)GOLD"},
    {"unary", false, "local a\nreturn -a, not a, #a, ~a",
     R"GOLD(
main <(string):0,0> (7 instructions at 0x0)
0+ params, 5 slots, 1 upvalue, 1 local, 0 constants, 0 functions
	1	[1]	LOADNIL  	0 0	; 1 out
	2	[2]	UNM      	1 0
	3	[2]	NOT      	2 0
	4	[2]	LEN      	3 0
	5	[2]	BNOT     	4 0
	6	[2]	RETURN   	1 5 0	; 4 out
	7	[2]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"constant_folding", false, "return 1 + 2 * 3, 10 // 3, 7 % -3, 2 ^ 10, 1 << 62, ~0, -(-3), 3.0 // 2",
     R"GOLD(
main <(string):0,0> (10 instructions at 0x0)
0+ params, 8 slots, 1 upvalue, 0 locals, 1 constant, 0 functions
	1	[1]	LOADI    	0 7
	2	[1]	LOADI    	1 3
	3	[1]	LOADI    	2 -2
	4	[1]	LOADF    	3 1024
	5	[1]	LOADK    	4 0	; 4611686018427387904
	6	[1]	LOADI    	5 -1
	7	[1]	LOADI    	6 3
	8	[1]	LOADF    	7 1
	9	[1]	RETURN   	0 9 0	; 8 out
	10	[1]	RETURN   	0 1 0	; 0 out
)GOLD"},
    {"no_unsafe_folding", false, "return 1 // 0, 1 % 0, 0 / 0, -0.0, 1 & 1.5, '10' + 1, 2 - 2.0",
     R"GOLD(
main <(string):0,0> (16 instructions at 0x0)
0+ params, 7 slots, 1 upvalue, 0 locals, 5 constants, 0 functions
	1	[1]	LOADI    	0 1
	2	[1]	IDIVK    	0 0 0	; 0
	3	[1]	LOADI    	1 1
	4	[1]	MODK     	1 1 0	; 0
	5	[1]	LOADI    	2 0
	6	[1]	DIVK     	2 2 0	; 0
	7	[1]	LOADF    	3 0
	8	[1]	UNM      	3 3
	9	[1]	LOADK    	4 2	; 1.5
	10	[1]	BANDK    	4 4 1	; 1
	11	[1]	LOADK    	5 3	; "10"
	12	[1]	ADDI     	5 5 1
	13	[1]	LOADI    	6 2
	14	[1]	SUBK     	6 6 4	; 2.0
	15	[1]	RETURN   	0 8 0	; 7 out
	16	[1]	RETURN   	0 1 0	; 0 out
)GOLD"},
    {"concat", false, "local a, b\nreturn a .. b .. 'c' .. 1",
     R"GOLD(
main <(string):0,0> (8 instructions at 0x0)
0+ params, 6 slots, 1 upvalue, 2 locals, 1 constant, 0 functions
	1	[1]	LOADNIL  	0 1	; 2 out
	2	[2]	MOVE     	2 0
	3	[2]	MOVE     	3 1
	4	[2]	LOADK    	4 0	; "c"
	5	[2]	LOADI    	5 1
	6	[2]	CONCAT   	2 4
	7	[2]	RETURN   	2 2 0	; 1 out
	8	[2]	RETURN   	2 1 0	; 0 out
)GOLD"},
    {"comparisons_registers", false, "local a, b\nreturn a == b, a ~= b, a < b, a <= b, a > b, a >= b",
     R"GOLD(
main <(string):0,0> (27 instructions at 0x0)
0+ params, 8 slots, 1 upvalue, 2 locals, 0 constants, 0 functions
	1	[1]	LOADNIL  	0 1	; 2 out
	2	[2]	EQ       	0 1 1
	3	[2]	JMP      	1	; to 5
	4	[2]	LFALSESKIP	2
	5	[2]	LOADTRUE 	2
	6	[2]	EQ       	0 1 0
	7	[2]	JMP      	1	; to 9
	8	[2]	LFALSESKIP	3
	9	[2]	LOADTRUE 	3
	10	[2]	LT       	0 1 1
	11	[2]	JMP      	1	; to 13
	12	[2]	LFALSESKIP	4
	13	[2]	LOADTRUE 	4
	14	[2]	LE       	0 1 1
	15	[2]	JMP      	1	; to 17
	16	[2]	LFALSESKIP	5
	17	[2]	LOADTRUE 	5
	18	[2]	LT       	1 0 1
	19	[2]	JMP      	1	; to 21
	20	[2]	LFALSESKIP	6
	21	[2]	LOADTRUE 	6
	22	[2]	LE       	1 0 1
	23	[2]	JMP      	1	; to 25
	24	[2]	LFALSESKIP	7
	25	[2]	LOADTRUE 	7
	26	[2]	RETURN   	2 7 0	; 6 out
	27	[2]	RETURN   	2 1 0	; 0 out
)GOLD"},
    {"comparisons_immediates", false,
     "local a\nreturn a == 1, a ~= 'x', a < 10, a <= -5, a > 0, a >= 128, 1 < a, a == 1.0, a < 1.5",
     R"GOLD(
main <(string):0,0> (40 instructions at 0x0)
0+ params, 10 slots, 1 upvalue, 1 local, 2 constants, 0 functions
	1	[1]	LOADNIL  	0 0	; 1 out
	2	[2]	EQI      	0 1 1
	3	[2]	JMP      	1	; to 5
	4	[2]	LFALSESKIP	1
	5	[2]	LOADTRUE 	1
	6	[2]	EQK      	0 0 0	; "x"
	7	[2]	JMP      	1	; to 9
	8	[2]	LFALSESKIP	2
	9	[2]	LOADTRUE 	2
	10	[2]	LTI      	0 10 1
	11	[2]	JMP      	1	; to 13
	12	[2]	LFALSESKIP	3
	13	[2]	LOADTRUE 	3
	14	[2]	LEI      	0 -5 1
	15	[2]	JMP      	1	; to 17
	16	[2]	LFALSESKIP	4
	17	[2]	LOADTRUE 	4
	18	[2]	GTI      	0 0 1
	19	[2]	JMP      	1	; to 21
	20	[2]	LFALSESKIP	5
	21	[2]	LOADTRUE 	5
	22	[2]	GEI      	0 128 1
	23	[2]	JMP      	1	; to 25
	24	[2]	LFALSESKIP	6
	25	[2]	LOADTRUE 	6
	26	[2]	GTI      	0 1 1
	27	[2]	JMP      	1	; to 29
	28	[2]	LFALSESKIP	7
	29	[2]	LOADTRUE 	7
	30	[2]	EQI      	0 1 1
	31	[2]	JMP      	1	; to 33
	32	[2]	LFALSESKIP	8
	33	[2]	LOADTRUE 	8
	34	[2]	LOADK    	9 1	; 1.5
	35	[2]	LT       	0 9 1
	36	[2]	JMP      	1	; to 38
	37	[2]	LFALSESKIP	9
	38	[2]	LOADTRUE 	9
	39	[2]	RETURN   	1 10 0	; 9 out
	40	[2]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"equality_with_nil", false, "local a\nif a == nil then return 1 end\nif nil ~= a then return 2 end",
     R"GOLD(
main <(string):0,0> (11 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 1 local, 0 constants, 0 functions
	1	[1]	LOADNIL  	0 1	; 2 out
	2	[2]	EQ       	0 1 0
	3	[2]	JMP      	2	; to 6
	4	[2]	LOADI    	1 1
	5	[2]	RETURN   	1 2 0	; 1 out
	6	[3]	LOADNIL  	1 0	; 1 out
	7	[3]	EQ       	0 1 1
	8	[3]	JMP      	2	; to 11
	9	[3]	LOADI    	1 2
	10	[3]	RETURN   	1 2 0	; 1 out
	11	[3]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"and_or_values", false, "local a, b, c\nlocal x = a and b or c\nlocal y = a or b\nx = b and c",
     R"GOLD(
main <(string):0,0> (13 instructions at 0x0)
0+ params, 5 slots, 1 upvalue, 5 locals, 0 constants, 0 functions
	1	[1]	LOADNIL  	0 2	; 3 out
	2	[2]	TEST     	0 0
	3	[2]	JMP      	2	; to 6
	4	[2]	TESTSET  	3 1 1
	5	[2]	JMP      	1	; to 7
	6	[2]	MOVE     	3 2
	7	[3]	TESTSET  	4 0 1
	8	[3]	JMP      	1	; to 10
	9	[3]	MOVE     	4 1
	10	[4]	TESTSET  	3 1 0
	11	[4]	JMP      	1	; to 13
	12	[4]	MOVE     	3 2
	13	[4]	RETURN   	5 1 0	; 0 out
)GOLD"},
    {"if_elseif_else", false, "if a then f() elseif b then g() else h() end",
     R"GOLD(
main <(string):0,0> (15 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 0 locals, 5 constants, 0 functions
	1	[1]	GETTABUP 	0 0 0	; _ENV "a"
	2	[1]	TEST     	0 0
	3	[1]	JMP      	3	; to 7
	4	[1]	GETTABUP 	0 0 1	; _ENV "f"
	5	[1]	CALL     	0 1 1	; 0 in 0 out
	6	[1]	JMP      	8	; to 15
	7	[1]	GETTABUP 	0 0 2	; _ENV "b"
	8	[1]	TEST     	0 0
	9	[1]	JMP      	3	; to 13
	10	[1]	GETTABUP 	0 0 3	; _ENV "g"
	11	[1]	CALL     	0 1 1	; 0 in 0 out
	12	[1]	JMP      	2	; to 15
	13	[1]	GETTABUP 	0 0 4	; _ENV "h"
	14	[1]	CALL     	0 1 1	; 0 in 0 out
	15	[1]	RETURN   	0 1 0	; 0 out
)GOLD"},
    {"if_not_condition", false,
     "local a, b\nif not a then f() end\nif not (a == b) then g() end\nif a and not b then h() end",
     R"GOLD(
main <(string):0,0> (16 instructions at 0x0)
0+ params, 3 slots, 1 upvalue, 2 locals, 3 constants, 0 functions
	1	[1]	LOADNIL  	0 1	; 2 out
	2	[2]	TEST     	0 1
	3	[2]	JMP      	2	; to 6
	4	[2]	GETTABUP 	2 0 0	; _ENV "f"
	5	[2]	CALL     	2 1 1	; 0 in 0 out
	6	[3]	EQ       	0 1 1
	7	[3]	JMP      	2	; to 10
	8	[3]	GETTABUP 	2 0 1	; _ENV "g"
	9	[3]	CALL     	2 1 1	; 0 in 0 out
	10	[4]	TEST     	0 0
	11	[4]	JMP      	4	; to 16
	12	[4]	TEST     	1 1
	13	[4]	JMP      	2	; to 16
	14	[4]	GETTABUP 	2 0 2	; _ENV "h"
	15	[4]	CALL     	2 1 1	; 0 in 0 out
	16	[4]	RETURN   	2 1 0	; 0 out
)GOLD"},
    {"while_loop", false, "local i = 0\nwhile i < 10 do i = i + 1 end",
     R"GOLD(
main <(string):0,0> (6 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 1 local, 0 constants, 0 functions
	1	[1]	LOADI    	0 0
	2	[2]	LTI      	0 10 0
	3	[2]	JMP      	2	; to 6
	4	[2]	ADDI     	0 0 1
	5	[2]	JMP      	-4	; to 2
	6	[2]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"repeat_loop", false, "local i = 0\nrepeat i = i + 1 until i >= 10",
     R"GOLD(
main <(string):0,0> (5 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 1 local, 0 constants, 0 functions
	1	[1]	LOADI    	0 0
	2	[2]	ADDI     	0 0 1
	3	[2]	GEI      	0 10 0
	4	[2]	JMP      	-3	; to 2
	5	[2]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"repeat_with_upvalue", false, "repeat local x = f(); g(function() return x end) until x",
     R"GOLD(
main <(string):0,0> (12 instructions at 0x0)
0+ params, 3 slots, 1 upvalue, 1 local, 2 constants, 1 function
	1	[1]	GETTABUP 	0 0 0	; _ENV "f"
	2	[1]	CALL     	0 1 2	; 0 in 1 out
	3	[1]	GETTABUP 	1 0 1	; _ENV "g"
	4	[1]	CLOSURE  	2 0	; 0x0
	5	[1]	CALL     	1 2 1	; 1 in 0 out
	6	[1]	TEST     	0 0
	7	[1]	JMP      	2	; to 10
	8	[1]	CLOSE    	0
	9	[1]	JMP      	2	; to 12
	10	[1]	CLOSE    	0
	11	[1]	JMP      	-11	; to 1
	12	[1]	RETURN   	0 1 0	; 0 out

function <(string):1,1> (3 instructions at 0x0)
0 params, 2 slots, 1 upvalue, 0 locals, 0 constants, 0 functions
	1	[1]	GETUPVAL 	0 0	; x
	2	[1]	RETURN1  	0
	3	[1]	RETURN0  	
)GOLD"},
    {"numeric_for", false,
     "local s = 0\nfor i = 1, 10 do s = s + i end\nfor i = 10, 1, -2 do s = s - i end\nfor x = 0.5, 1.5, "
     "0.25 do end",
     R"GOLD(
main <(string):0,0> (19 instructions at 0x0)
0+ params, 5 slots, 1 upvalue, 13 locals, 3 constants, 0 functions
	1	[1]	LOADI    	0 0
	2	[2]	LOADI    	1 1
	3	[2]	LOADI    	2 10
	4	[2]	LOADI    	3 1
	5	[2]	FORPREP  	1 1	; exit to 8
	6	[2]	ADD      	0 0 4
	7	[2]	FORLOOP  	1 2	; to 6
	8	[3]	LOADI    	1 10
	9	[3]	LOADI    	2 1
	10	[3]	LOADI    	3 -2
	11	[3]	FORPREP  	1 1	; exit to 14
	12	[3]	SUB      	0 0 4
	13	[3]	FORLOOP  	1 2	; to 12
	14	[4]	LOADK    	1 0	; 0.5
	15	[4]	LOADK    	2 1	; 1.5
	16	[4]	LOADK    	3 2	; 0.25
	17	[4]	FORPREP  	1 0	; exit to 19
	18	[4]	FORLOOP  	1 1	; to 18
	19	[4]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"generic_for", false, "for k, v in pairs(t) do print(k, v) end",
     R"GOLD(
main <(string):0,0> (12 instructions at 0x0)
0+ params, 9 slots, 1 upvalue, 6 locals, 3 constants, 0 functions
	1	[1]	GETTABUP 	0 0 0	; _ENV "pairs"
	2	[1]	GETTABUP 	1 0 1	; _ENV "t"
	3	[1]	CALL     	0 2 5	; 1 in 4 out
	4	[1]	TFORPREP 	0 4	; to 9
	5	[1]	GETTABUP 	6 0 2	; _ENV "print"
	6	[1]	MOVE     	7 4
	7	[1]	MOVE     	8 5
	8	[1]	CALL     	6 3 1	; 2 in 0 out
	9	[1]	TFORCALL 	0 2
	10	[1]	TFORLOOP 	0 6	; to 5
	11	[1]	CLOSE    	0
	12	[1]	RETURN   	0 1 0	; 0 out
)GOLD"},
    {"generic_for_many_values", false, "for a, b, c, d in f, s, c0, tbc, extra do end",
     R"GOLD(
main <(string):0,0> (10 instructions at 0x0)
0+ params, 8 slots, 1 upvalue, 8 locals, 5 constants, 0 functions
	1	[1]	GETTABUP 	0 0 0	; _ENV "f"
	2	[1]	GETTABUP 	1 0 1	; _ENV "s"
	3	[1]	GETTABUP 	2 0 2	; _ENV "c0"
	4	[1]	GETTABUP 	3 0 3	; _ENV "tbc"
	5	[1]	GETTABUP 	4 0 4	; _ENV "extra"
	6	[1]	TFORPREP 	0 0	; to 7
	7	[1]	TFORCALL 	0 4
	8	[1]	TFORLOOP 	0 2	; to 7
	9	[1]	CLOSE    	0
	10	[1]	RETURN   	0 1 0	; 0 out
)GOLD"},
    {"break_and_goto", false,
     "for i = 1, 3 do\n  if i == 2 then goto continue end\n  if i == 3 then break end\n  print(i)\n  "
     "::continue::\nend",
     R"GOLD(
main <(string):0,0> (14 instructions at 0x0)
0+ params, 6 slots, 1 upvalue, 4 locals, 1 constant, 0 functions
	1	[1]	LOADI    	0 1
	2	[1]	LOADI    	1 3
	3	[1]	LOADI    	2 1
	4	[1]	FORPREP  	0 8	; exit to 14
	5	[2]	EQI      	3 2 0
	6	[2]	JMP      	1	; to 8
	7	[2]	JMP      	5	; to 13
	8	[3]	EQI      	3 3 1
	9	[3]	JMP      	4	; to 14
	10	[4]	GETTABUP 	4 0 0	; _ENV "print"
	11	[4]	MOVE     	5 3
	12	[4]	CALL     	4 2 1	; 1 in 0 out
	13	[1]	FORLOOP  	0 9	; to 5
	14	[6]	RETURN   	0 1 0	; 0 out
)GOLD"},
    {"goto_backward_with_close", false,
     "::top::\ndo\n  local x = f()\n  g(function() return x end)\n  if x then goto top end\nend",
     R"GOLD(
main <(string):0,0> (11 instructions at 0x0)
0+ params, 3 slots, 1 upvalue, 1 local, 2 constants, 1 function
	1	[3]	GETTABUP 	0 0 0	; _ENV "f"
	2	[3]	CALL     	0 1 2	; 0 in 1 out
	3	[4]	GETTABUP 	1 0 1	; _ENV "g"
	4	[4]	CLOSURE  	2 0	; 0x0
	5	[4]	CALL     	1 2 1	; 1 in 0 out
	6	[5]	TEST     	0 0
	7	[5]	JMP      	2	; to 10
	8	[5]	CLOSE    	0
	9	[5]	JMP      	-9	; to 1
	10	[5]	CLOSE    	0
	11	[6]	RETURN   	0 1 0	; 0 out

function <(string):4,4> (3 instructions at 0x0)
0 params, 2 slots, 1 upvalue, 0 locals, 0 constants, 0 functions
	1	[4]	GETUPVAL 	0 0	; x
	2	[4]	RETURN1  	0
	3	[4]	RETURN0  	
)GOLD"},
    {"break_closes_upvalue", false,
     "while true do\n  local x = f()\n  g(function() return x end)\n  if x then break end\nend",
     R"GOLD(
main <(string):0,0> (11 instructions at 0x0)
0+ params, 3 slots, 1 upvalue, 1 local, 2 constants, 1 function
	1	[2]	GETTABUP 	0 0 0	; _ENV "f"
	2	[2]	CALL     	0 1 2	; 0 in 1 out
	3	[3]	GETTABUP 	1 0 1	; _ENV "g"
	4	[3]	CLOSURE  	2 0	; 0x0
	5	[3]	CALL     	1 2 1	; 1 in 0 out
	6	[4]	TEST     	0 1
	7	[4]	JMP      	2	; to 10
	8	[4]	CLOSE    	0
	9	[4]	JMP      	-9	; to 1
	10	[5]	CLOSE    	0
	11	[5]	RETURN   	0 1 0	; 0 out

function <(string):3,3> (3 instructions at 0x0)
0 params, 2 slots, 1 upvalue, 0 locals, 0 constants, 0 functions
	1	[3]	GETUPVAL 	0 0	; x
	2	[3]	RETURN1  	0
	3	[3]	RETURN0  	
)GOLD"},
    {"closures_and_upvalues", true,
     "local a = 1\nlocal function f()\n  local b = 2\n  return function() a = a + b; return a "
     "end\nend\nreturn f",
     R"GOLD(
main <(string):0,0> (4 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 2 locals, 0 constants, 1 function
	1	[1]	LOADI    	0 1
	2	[5]	CLOSURE  	1 0	; 0x0
	3	[6]	RETURN   	1 2 0	; 1 out
	4	[6]	RETURN   	2 1 0	; 0 out
constants (0) for 0x0:
locals (2) for 0x0:
	0	a	2	5
	1	f	3	5
upvalues (1) for 0x0:
	0	_ENV	1	0

function <(string):2,5> (4 instructions at 0x0)
0 params, 2 slots, 1 upvalue, 1 local, 0 constants, 1 function
	1	[3]	LOADI    	0 2
	2	[4]	CLOSURE  	1 0	; 0x0
	3	[4]	RETURN   	1 2 0	; 1 out
	4	[5]	RETURN   	1 1 0	; 0 out
constants (0) for 0x0:
locals (1) for 0x0:
	0	b	2	5
upvalues (1) for 0x0:
	0	a	1	0

function <(string):4,4> (7 instructions at 0x0)
0 params, 2 slots, 2 upvalues, 0 locals, 0 constants, 0 functions
	1	[4]	GETUPVAL 	0 0	; a
	2	[4]	GETUPVAL 	1 1	; b
	3	[4]	ADD      	0 0 1
	4	[4]	SETUPVAL 	0 0	; a
	5	[4]	GETUPVAL 	0 0	; a
	6	[4]	RETURN1  	0
	7	[4]	RETURN0  	
constants (0) for 0x0:
locals (0) for 0x0:
upvalues (2) for 0x0:
	0	a	0	0
	1	b	1	0
)GOLD"},
    {"method_call_and_definition", false,
     "local obj = {}\nfunction obj:m(x) return self, x end\nfunction obj.a.b:c() end\nobj:m(1, 2)",
     R"GOLD(
main <(string):0,0> (13 instructions at 0x0)
0+ params, 5 slots, 1 upvalue, 1 local, 4 constants, 2 functions
	1	[1]	NEWTABLE 	0 0 0	; 0
	2	[1]	EXTRAARG 	0
	3	[2]	CLOSURE  	1 0	; 0x0
	4	[2]	SETFIELD 	0 0 1	; "m"
	5	[3]	GETFIELD 	1 0 1	; "a"
	6	[3]	GETFIELD 	1 1 2	; "b"
	7	[3]	CLOSURE  	2 1	; 0x0
	8	[3]	SETFIELD 	1 3 2	; "c"
	9	[4]	SELF     	1 0 0	; "m"
	10	[4]	LOADI    	3 1
	11	[4]	LOADI    	4 2
	12	[4]	CALL     	1 4 1	; 3 in 0 out
	13	[4]	RETURN   	1 1 0	; 0 out

function <(string):2,2> (4 instructions at 0x0)
2 params, 4 slots, 0 upvalues, 2 locals, 0 constants, 0 functions
	1	[2]	MOVE     	2 0
	2	[2]	MOVE     	3 1
	3	[2]	RETURN   	2 3 0	; 2 out
	4	[2]	RETURN0  	

function <(string):3,3> (1 instruction at 0x0)
1 param, 2 slots, 0 upvalues, 1 local, 0 constants, 0 functions
	1	[3]	RETURN0  	
)GOLD"},
    {"calls_multret", false, "f(g())\nf(1, g())\nlocal t = {f()}\nreturn f(), g()",
     R"GOLD(
main <(string):0,0> (21 instructions at 0x0)
0+ params, 3 slots, 1 upvalue, 1 local, 2 constants, 0 functions
	1	[1]	GETTABUP 	0 0 0	; _ENV "f"
	2	[1]	GETTABUP 	1 0 1	; _ENV "g"
	3	[1]	CALL     	1 1 0	; 0 in all out
	4	[1]	CALL     	0 0 1	; all in 0 out
	5	[2]	GETTABUP 	0 0 0	; _ENV "f"
	6	[2]	LOADI    	1 1
	7	[2]	GETTABUP 	2 0 1	; _ENV "g"
	8	[2]	CALL     	2 1 0	; 0 in all out
	9	[2]	CALL     	0 0 1	; all in 0 out
	10	[3]	NEWTABLE 	0 0 0	; 0
	11	[3]	EXTRAARG 	0
	12	[3]	GETTABUP 	1 0 0	; _ENV "f"
	13	[3]	CALL     	1 1 0	; 0 in all out
	14	[3]	SETLIST  	0 0 0	; all from 1
	15	[3]	EXTRAARG 	0
	16	[4]	GETTABUP 	1 0 0	; _ENV "f"
	17	[4]	CALL     	1 1 2	; 0 in 1 out
	18	[4]	GETTABUP 	2 0 1	; _ENV "g"
	19	[4]	CALL     	2 1 0	; 0 in all out
	20	[4]	RETURN   	1 0 0	; all out
	21	[4]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"tail_call", false, "local function f(n) if n > 0 then return f(n - 1) end return 0 end",
     R"GOLD(
main <(string):0,0> (2 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 1 local, 0 constants, 1 function
	1	[1]	CLOSURE  	0 0	; 0x0
	2	[1]	RETURN   	1 1 0	; 0 out

function <(string):1,1> (9 instructions at 0x0)
1 param, 3 slots, 1 upvalue, 1 local, 0 constants, 0 functions
	1	[1]	GTI      	0 0 0
	2	[1]	JMP      	4	; to 7
	3	[1]	GETUPVAL 	1 0	; f
	4	[1]	ADDI     	2 0 -1
	5	[1]	TAILCALL 	1 2 0	; 1 in
	6	[1]	RETURN   	1 0 0	; all out
	7	[1]	LOADI    	1 0
	8	[1]	RETURN1  	1
	9	[1]	RETURN0  	
)GOLD"},
    {"return_forms", false,
     "local function r0() end\nlocal function r1(x) return x end\nlocal function r2(x, y) return x, y "
     "end\nlocal function rn(...) return ... end",
     R"GOLD(
main <(string):0,0> (5 instructions at 0x0)
0+ params, 4 slots, 1 upvalue, 4 locals, 0 constants, 4 functions
	1	[1]	CLOSURE  	0 0	; 0x0
	2	[2]	CLOSURE  	1 1	; 0x0
	3	[3]	CLOSURE  	2 2	; 0x0
	4	[4]	CLOSURE  	3 3	; 0x0
	5	[4]	RETURN   	4 1 0	; 0 out

function <(string):1,1> (1 instruction at 0x0)
0 params, 2 slots, 0 upvalues, 0 locals, 0 constants, 0 functions
	1	[1]	RETURN0  	

function <(string):2,2> (2 instructions at 0x0)
1 param, 2 slots, 0 upvalues, 1 local, 0 constants, 0 functions
	1	[2]	RETURN1  	0
	2	[2]	RETURN0  	

function <(string):3,3> (4 instructions at 0x0)
2 params, 4 slots, 0 upvalues, 2 locals, 0 constants, 0 functions
	1	[3]	MOVE     	2 0
	2	[3]	MOVE     	3 1
	3	[3]	RETURN   	2 3 0	; 2 out
	4	[3]	RETURN0  	

function <(string):4,4> (3 instructions at 0x0)
0+ params, 2 slots, 0 upvalues, 0 locals, 0 constants, 0 functions
	1	[4]	VARARG   	0 0	; all out
	2	[4]	RETURN   	0 0 0	; all out
	3	[4]	RETURN   	0 1 0	; 0 out
)GOLD"},
    {"varargs", true, "local a, b = ...\nlocal t = {...}\nlocal n = select('#', ...)\nreturn ...",
     R"GOLD(
main <(string):0,0> (13 instructions at 0x0)
0+ params, 6 slots, 1 upvalue, 4 locals, 2 constants, 0 functions
	1	[1]	VARARG   	0 3	; 2 out
	2	[2]	NEWTABLE 	2 0 0	; 0
	3	[2]	EXTRAARG 	0
	4	[2]	VARARG   	3 0	; all out
	5	[2]	SETLIST  	2 0 0	; all from 1
	6	[2]	EXTRAARG 	0
	7	[3]	GETTABUP 	3 0 0	; _ENV "select"
	8	[3]	LOADK    	4 1	; "#"
	9	[3]	VARARG   	5 0	; all out
	10	[3]	CALL     	3 0 2	; all in 1 out
	11	[4]	VARARG   	4 0	; all out
	12	[4]	RETURN   	4 0 0	; all out
	13	[4]	RETURN   	4 1 0	; 0 out
constants (2) for 0x0:
	0	S	"select"
	1	S	"#"
locals (4) for 0x0:
	0	a	2	14
	1	b	2	14
	2	t	7	14
	3	n	11	14
upvalues (1) for 0x0:
	0	_ENV	1	0
)GOLD"},
    {"table_constructor", false, "local t = {1, 2, 3; x = 1, ['y'] = 2, [10] = 3, f(), nil}",
     R"GOLD(
main <(string):0,0> (14 instructions at 0x0)
0+ params, 6 slots, 1 upvalue, 1 local, 6 constants, 0 functions
	1	[1]	NEWTABLE 	0 3 0	; 5
	2	[1]	EXTRAARG 	5
	3	[1]	LOADI    	1 1
	4	[1]	LOADI    	2 2
	5	[1]	LOADI    	3 3
	6	[1]	SETFIELDK	0 0 1	; "x" 1
	7	[1]	SETFIELDK	0 2 3	; "y" 2
	8	[1]	SETIK    	0 10 4	; 3
	9	[1]	GETTABUP 	4 0 5	; _ENV "f"
	10	[1]	CALL     	4 1 2	; 0 in 1 out
	11	[1]	LOADNIL  	5 0	; 1 out
	12	[1]	SETLIST  	0 5 0	; 5 from 1
	13	[1]	EXTRAARG 	0
	14	[1]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"table_constructor_flush", false,
     "local t = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, "
     "26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, "
     "51, 52}",
     R"GOLD(
main <(string):0,0> (59 instructions at 0x0)
0+ params, 51 slots, 1 upvalue, 1 local, 0 constants, 0 functions
	1	[1]	NEWTABLE 	0 0 0	; 52
	2	[1]	EXTRAARG 	52
	3	[1]	LOADI    	1 1
	4	[1]	LOADI    	2 2
	5	[1]	LOADI    	3 3
	6	[1]	LOADI    	4 4
	7	[1]	LOADI    	5 5
	8	[1]	LOADI    	6 6
	9	[1]	LOADI    	7 7
	10	[1]	LOADI    	8 8
	11	[1]	LOADI    	9 9
	12	[1]	LOADI    	10 10
	13	[1]	LOADI    	11 11
	14	[1]	LOADI    	12 12
	15	[1]	LOADI    	13 13
	16	[1]	LOADI    	14 14
	17	[1]	LOADI    	15 15
	18	[1]	LOADI    	16 16
	19	[1]	LOADI    	17 17
	20	[1]	LOADI    	18 18
	21	[1]	LOADI    	19 19
	22	[1]	LOADI    	20 20
	23	[1]	LOADI    	21 21
	24	[1]	LOADI    	22 22
	25	[1]	LOADI    	23 23
	26	[1]	LOADI    	24 24
	27	[1]	LOADI    	25 25
	28	[1]	LOADI    	26 26
	29	[1]	LOADI    	27 27
	30	[1]	LOADI    	28 28
	31	[1]	LOADI    	29 29
	32	[1]	LOADI    	30 30
	33	[1]	LOADI    	31 31
	34	[1]	LOADI    	32 32
	35	[1]	LOADI    	33 33
	36	[1]	LOADI    	34 34
	37	[1]	LOADI    	35 35
	38	[1]	LOADI    	36 36
	39	[1]	LOADI    	37 37
	40	[1]	LOADI    	38 38
	41	[1]	LOADI    	39 39
	42	[1]	LOADI    	40 40
	43	[1]	LOADI    	41 41
	44	[1]	LOADI    	42 42
	45	[1]	LOADI    	43 43
	46	[1]	LOADI    	44 44
	47	[1]	LOADI    	45 45
	48	[1]	LOADI    	46 46
	49	[1]	LOADI    	47 47
	50	[1]	LOADI    	48 48
	51	[1]	LOADI    	49 49
	52	[1]	LOADI    	50 50
	53	[1]	SETLIST  	0 50 0	; 50 from 1
	54	[1]	EXTRAARG 	0
	55	[1]	LOADI    	1 51
	56	[1]	LOADI    	2 52
	57	[1]	SETLIST  	0 2 0	; 2 from 51
	58	[1]	EXTRAARG 	50
	59	[1]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"table_constructor_multret", false, "local t = {1, f()}\nlocal u = {...}",
     R"GOLD(
main <(string):0,0> (13 instructions at 0x0)
0+ params, 3 slots, 1 upvalue, 2 locals, 1 constant, 0 functions
	1	[1]	NEWTABLE 	0 0 0	; 1
	2	[1]	EXTRAARG 	1
	3	[1]	LOADI    	1 1
	4	[1]	GETTABUP 	2 0 0	; _ENV "f"
	5	[1]	CALL     	2 1 0	; 0 in all out
	6	[1]	SETLIST  	0 0 0	; all from 1
	7	[1]	EXTRAARG 	0
	8	[2]	NEWTABLE 	1 0 0	; 0
	9	[2]	EXTRAARG 	0
	10	[2]	VARARG   	2 0	; all out
	11	[2]	SETLIST  	1 0 0	; all from 1
	12	[2]	EXTRAARG 	0
	13	[2]	RETURN   	2 1 0	; 0 out
)GOLD"},
    {"const_and_close", true,
     "local k <const> = 42\nlocal s <const> = 'str'\nlocal t <const> = {}\nlocal c <close> = f()\nreturn k + "
     "1, s, t",
     R"GOLD(
main <(string):0,0> (10 instructions at 0x0)
0+ params, 5 slots, 1 upvalue, 2 locals, 2 constants, 0 functions
	1	[3]	NEWTABLE 	0 0 0	; 0
	2	[3]	EXTRAARG 	0
	3	[4]	GETTABUP 	1 0 0	; _ENV "f"
	4	[4]	CALL     	1 1 2	; 0 in 1 out
	5	[4]	TBC      	1
	6	[5]	LOADI    	2 43
	7	[5]	LOADK    	3 1	; "str"
	8	[5]	MOVE     	4 0
	9	[5]	RETURN   	2 4 0	; 3 out
	10	[5]	RETURN   	2 1 0	; 0 out
constants (2) for 0x0:
	0	S	"f"
	1	S	"str"
locals (2) for 0x0:
	0	t	3	11
	1	c	5	11
upvalues (1) for 0x0:
	0	_ENV	1	0
)GOLD"},
    {"close_in_block", false, "do\n  local x <close> = f()\n  g(x)\nend\nh()",
     R"GOLD(
main <(string):0,0> (10 instructions at 0x0)
0+ params, 3 slots, 1 upvalue, 1 local, 3 constants, 0 functions
	1	[2]	GETTABUP 	0 0 0	; _ENV "f"
	2	[2]	CALL     	0 1 2	; 0 in 1 out
	3	[2]	TBC      	0
	4	[3]	GETTABUP 	1 0 1	; _ENV "g"
	5	[3]	MOVE     	2 0
	6	[3]	CALL     	1 2 1	; 1 in 0 out
	7	[3]	CLOSE    	0
	8	[5]	GETTABUP 	0 0 2	; _ENV "h"
	9	[5]	CALL     	0 1 1	; 0 in 0 out
	10	[5]	RETURN   	0 1 0	; 0 out
)GOLD"},
    {"no_tail_call_in_tbc_scope", false, "local function f()\n  local x <close> = g()\n  return h()\nend",
     R"GOLD(
main <(string):0,0> (2 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 1 local, 0 constants, 1 function
	1	[4]	CLOSURE  	0 0	; 0x0
	2	[4]	RETURN   	1 1 0	; 0 out

function <(string):1,4> (7 instructions at 0x0)
0 params, 2 slots, 1 upvalue, 1 local, 2 constants, 0 functions
	1	[2]	GETTABUP 	0 0 0	; _ENV "g"
	2	[2]	CALL     	0 1 2	; 0 in 1 out
	3	[2]	TBC      	0
	4	[3]	GETTABUP 	1 0 1	; _ENV "h"
	5	[3]	CALL     	1 1 0	; 0 in all out
	6	[3]	RETURN   	1 0 0	; all out
	7	[4]	RETURN   	1 1 0	; 0 out
)GOLD"},
    {"local_function_recursion", true,
     "local function fact(n)\n  if n <= 1 then return 1 end\n  return n * fact(n - 1)\nend\nreturn fact(5)",
     R"GOLD(
main <(string):0,0> (6 instructions at 0x0)
0+ params, 3 slots, 1 upvalue, 1 local, 0 constants, 1 function
	1	[4]	CLOSURE  	0 0	; 0x0
	2	[5]	MOVE     	1 0
	3	[5]	LOADI    	2 5
	4	[5]	TAILCALL 	1 2 0	; 1 in
	5	[5]	RETURN   	1 0 0	; all out
	6	[5]	RETURN   	1 1 0	; 0 out
constants (0) for 0x0:
locals (1) for 0x0:
	0	fact	2	7
upvalues (1) for 0x0:
	0	_ENV	1	0

function <(string):1,4> (10 instructions at 0x0)
1 param, 3 slots, 1 upvalue, 1 local, 0 constants, 0 functions
	1	[2]	LEI      	0 1 0
	2	[2]	JMP      	2	; to 5
	3	[2]	LOADI    	1 1
	4	[2]	RETURN1  	1
	5	[3]	GETUPVAL 	1 0	; fact
	6	[3]	ADDI     	2 0 -1
	7	[3]	CALL     	1 2 2	; 1 in 1 out
	8	[3]	MUL      	1 0 1
	9	[3]	RETURN1  	1
	10	[4]	RETURN0  	
constants (0) for 0x0:
locals (1) for 0x0:
	0	n	1	11
upvalues (1) for 0x0:
	0	fact	1	0
)GOLD"},
    {"strings_and_escapes", false, "return 'a\\tb\\n', \"q\\\"\\\\\", '\\0\\1\\255', [[long\nstring]]",
     R"GOLD(
main <(string):0,0> (6 instructions at 0x0)
0+ params, 4 slots, 1 upvalue, 0 locals, 4 constants, 0 functions
	1	[1]	LOADK    	0 0	; "a\tb\n"
	2	[1]	LOADK    	1 1	; "q\"\\"
	3	[1]	LOADK    	2 2	; "\000\001\255"
	4	[2]	LOADK    	3 3	; "long\nstring"
	5	[2]	RETURN   	0 5 0	; 4 out
	6	[2]	RETURN   	0 1 0	; 0 out
)GOLD"},
    {"nested_functions_upvalue_chain", true,
     "local a\nfunction f()\n  return function()\n    return function() return a end\n  end\nend",
     R"GOLD(
main <(string):0,0> (4 instructions at 0x0)
0+ params, 2 slots, 1 upvalue, 1 local, 1 constant, 1 function
	1	[1]	LOADNIL  	0 0	; 1 out
	2	[6]	CLOSURE  	1 0	; 0x0
	3	[2]	SETTABUP 	0 0 1	; _ENV "f"
	4	[6]	RETURN   	1 1 0	; 0 out
constants (1) for 0x0:
	0	S	"f"
locals (1) for 0x0:
	0	a	2	5
upvalues (1) for 0x0:
	0	_ENV	1	0

function <(string):2,6> (3 instructions at 0x0)
0 params, 2 slots, 1 upvalue, 0 locals, 0 constants, 1 function
	1	[5]	CLOSURE  	0 0	; 0x0
	2	[5]	RETURN1  	0
	3	[6]	RETURN0  	
constants (0) for 0x0:
locals (0) for 0x0:
upvalues (1) for 0x0:
	0	a	1	0

function <(string):3,5> (3 instructions at 0x0)
0 params, 2 slots, 1 upvalue, 0 locals, 0 constants, 1 function
	1	[4]	CLOSURE  	0 0	; 0x0
	2	[4]	RETURN1  	0
	3	[5]	RETURN0  	
constants (0) for 0x0:
locals (0) for 0x0:
upvalues (1) for 0x0:
	0	a	0	0

function <(string):4,4> (3 instructions at 0x0)
0 params, 2 slots, 1 upvalue, 0 locals, 0 constants, 0 functions
	1	[4]	GETUPVAL 	0 0	; a
	2	[4]	RETURN1  	0
	3	[4]	RETURN0  	
constants (0) for 0x0:
locals (0) for 0x0:
upvalues (1) for 0x0:
	0	a	0	0
)GOLD"},
    {"loadnil_merge", false, "local a; local b; local c\nlocal d, e\nd = nil",
     R"GOLD(
main <(string):0,0> (2 instructions at 0x0)
0+ params, 5 slots, 1 upvalue, 5 locals, 0 constants, 0 functions
	1	[1]	LOADNIL  	0 4	; 5 out
	2	[3]	RETURN   	5 1 0	; 0 out
)GOLD"},
};

class Golden : public testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, Listing) {
  const GoldenCase& c = GetParam();
  auto result = luna::compiler::compile(c.source, c.source);
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<luna::bytecode::Blueprint>>(result))
      << std::get<luna::compiler::CompileError>(result).message;
  luna::bytecode::DisasmOptions options;
  options.full = c.full;
  options.addresses = false;
  EXPECT_EQ(luna::bytecode::disassemble(*std::get<0>(result), options), c.listing);
}

INSTANTIATE_TEST_SUITE_P(Compiler, Golden, testing::ValuesIn(golden_cases),
                         [](const testing::TestParamInfo<GoldenCase>& test_info) {
                           return std::string(test_info.param.name);
                         });

}  // namespace
