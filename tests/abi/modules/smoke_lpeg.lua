-- Smoke test of Debian's lua-lpeg (a C module built against Lua 5.4's headers, resolving the
-- API from the host process). Output is compared with Debian's lua5.4.
local lpeg = require "lpeg"
local P, R, S, C, Ct, Cs, V = lpeg.P, lpeg.R, lpeg.S, lpeg.C, lpeg.Ct, lpeg.Cs, lpeg.V

local number = C(R"09"^1) / tonumber
local list = Ct(number * (P"," * number)^0)
local t = list:match("10,20,30")
print("list", #t, t[1] + t[2] + t[3])

-- A grammar with recursion and substitution captures.
local arith = P{
  "sum",
  sum = Ct(V"prod" * (C(S"+-") * V"prod")^0),
  prod = number + P"(" * V"sum" * P")",
}
local function eval(node)
  if type(node) == "number" then return node end
  local value = eval(node[1])
  for i = 2, #node, 2 do
    value = node[i] == "+" and value + eval(node[i + 1]) or value - eval(node[i + 1])
  end
  return value
end
print("grammar", eval(arith:match("1+(20-3)+4")))
print("subst", Cs((P"a" / "A" + 1)^0):match("banana"))
print("position", (P"ab" * lpeg.Cp()):match("abc"))
print("no match", lpeg.match(P"x", "abc"))
print("type", lpeg.type(P"a"), lpeg.type(1))
-- Errors raised inside the module (luaL_argerror / luaL_error through the host's API).
print("bad pattern", pcall(lpeg.P, {}))
print("bad capture", pcall(lpeg.match, P"a" / {}, 1))
-- Many matches: buffers, userdata and the collector under load.
local words = Ct((C(R"az"^1) + 1)^0)
local text = string.rep("alpha beta gamma ", 2000)
print("words", #words:match(text))
collectgarbage()
print("after gc", lpeg.match(P"alpha", text))
