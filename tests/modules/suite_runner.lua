-- Runs one upstream test script of a C module and counts the checks it makes, for
-- run_module_tests.py (the same file runs under luna and under the lua5.4 oracle).
-- Usage: <interpreter> suite_runner.lua <count-calls-pattern|-> <script> [script args...]
--   Every call of the global assert is counted; when the pattern is not "-", so is every call of
--   a function whose name (as debug.getinfo reports it) matches the pattern: the way scripts that
--   check through their own local helpers (luasocket's urltest.lua) are counted.
-- The count is written to stderr as "suite_runner: checks <n>" when the script ends, also when
-- it ends through os.exit (upstream scripts do, on failure as on success). The script sees its
-- own name as arg[0] and its arguments from arg[1], as under the stand-alone interpreter.
local pattern, script = arg[1], arg[2]
assert(pattern and script, "usage: suite_runner.lua <count-calls-pattern|-> <script> [args...]")

local checks = 0
local original_assert = assert
local function report()
  io.stderr:write(string.format("suite_runner: checks %d\n", checks))
end

-- Counts, then behaves exactly as assert: returns all its arguments, or raises the message
-- unchanged (no position added) or "assertion failed!".
_G.assert = function(...)
  checks = checks + 1
  return original_assert(...)
end

local original_exit = os.exit
os.exit = function(...)
  report()
  return original_exit(...)
end

if pattern ~= "-" then
  debug.sethook(function()
    local info = debug.getinfo(2, "n")
    if info and info.name and string.find(info.name, pattern) then checks = checks + 1 end
  end, "c")
end

local script_args = {}
for index = 3, #arg do script_args[#script_args + 1] = arg[index] end
local chunk = original_assert(loadfile(script))
arg = { [0] = script, table.unpack(script_args) }

local ok, message = xpcall(chunk, debug.traceback, table.unpack(script_args))
debug.sethook()
report()
if not ok then
  io.stderr:write(tostring(message), "\n")
  original_exit(1)
end
