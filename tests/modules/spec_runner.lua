-- A small runner for specl specs (luaposix's upstream tests), written for Luna's module tests:
-- specl itself is not packaged in Debian. It runs the Lua trees spec_to_lua.py makes from the
-- YAML files, with the parts of specl the specs use: nested describe/context/it with before and
-- after blocks, `examples {}`, expect(...) with the matchers to_be, to_equal, to_contain,
-- to_match, to_raise, to_succeed_with, to_succeed_while_matching (each also not_to_..., and
-- .any_of / .all_of / .a_permutation_of), custom matchers registered through specl.matchers, and
-- the modules spec_helper.lua requires (specl.std, specl.shell, specl.badargs, std.normalize).
-- Not provided: badargs.diagnose (specl's generated argument-checking examples), reported as
-- "SKIP" for the block calling it.
-- Usage: <interpreter> spec_runner.lua <report> <helper.lua> <converted-spec.lua>...  (cwd: source tree)
-- Writes one line per example to the file <report>: "spec: PASS|FAIL|SKIP|PENDING <path>[\t<message>]",
-- and "spec: DONE" at the end. Not to stdout: specs close and redirect the standard streams
-- (a stream posix.stdio.fdopen made on descriptor 1 closes it when it is collected).
-- SPEC_RUNNER_NOT_RUN: lines "<path prefix>\t<reason>": the examples whose path starts so are not
-- run at all (such as one that would reach the network), and are reported as SKIP with the reason.
local report_file = assert(io.open(arg[1], "w"))
local not_run = {}
for line in (os.getenv("SPEC_RUNNER_NOT_RUN") or ""):gmatch("[^\n]+") do
  local path, reason = line:match("^(.-)\t(.*)$")
  if path then not_run[path] = reason end
end
local helper_file = arg[2]
local interpreter = os.getenv("LUA") or "lua"

local function shell_quote(text)
  return "'" .. tostring(text):gsub("'", "'\\''") .. "'"
end

local function read_file(path)
  local handle = io.open(path, "rb")
  if not handle then return "" end
  local text = handle:read("a")
  handle:close()
  return text
end

-- specl.shell.spawn: runs a command (a string for the shell, or a list of words with optional
-- stdin and env fields) and returns {status=, output=, errout=}.
local function spawn(command)
  local line
  local env_prefix = ""
  local stdin_file
  if type(command) == "table" then
    local words = {}
    for index = 1, #command do words[#words + 1] = shell_quote(command[index]) end
    line = table.concat(words, " ")
    if command.env then
      local assignments = { "env -i" }
      for key, value in pairs(command.env) do assignments[#assignments + 1] = shell_quote(key .. "=" .. value) end
      env_prefix = table.concat(assignments, " ") .. " "
    end
    if command.stdin then
      stdin_file = os.tmpname()
      local handle = assert(io.open(stdin_file, "wb"))
      handle:write(command.stdin)
      handle:close()
    end
  else
    line = command
  end
  local out_file, err_file = os.tmpname(), os.tmpname()
  -- A shell command line is grouped so that the redirections apply to all of it (a pipeline).
  if type(command) ~= "table" then line = "{ " .. line .. "\n}" end
  local full = string.format("%s%s <%s >%s 2>%s", env_prefix, line,
    stdin_file and shell_quote(stdin_file) or "/dev/null", shell_quote(out_file), shell_quote(err_file))
  local ok, how, code = os.execute(full)
  local status = (how == "exit") and code or 128 + (code or 0)
  if ok == true then status = 0 end
  local result = { status = status, output = read_file(out_file), errout = read_file(err_file) }
  os.remove(out_file)
  os.remove(err_file)
  if stdin_file then os.remove(stdin_file) end
  return result
end

local custom_matchers = {}
package.preload["specl.shell"] = function() return { spawn = spawn } end
package.preload["specl.std"] = function()
  return { package = { normalize = function(...) return table.concat({ ... }, ";") end } }
end
package.preload["specl.matchers"] = function()
  return { Matcher = function(definition) return definition end, matchers = custom_matchers }
end

local skip_reason
package.preload["specl.badargs"] = function()
  return {
    -- The message luaposix's argument checks produce (ext/include/_helpers.c): the type error
    -- of argument i, for a field of it if `field` is given; without `want`, too many arguments.
    -- With a wanted type and four arguments the fourth is the type got; without a wanted type,
    -- a field names a spurious field, and no field means too many arguments. Types are written
    -- as in signatures:
    -- "?int|string" means "integer, nil or string".
    format = function(fname, index, want, field, got)
      if want ~= nil and got == nil then field, got = nil, field end
      local what
      if want == nil and field ~= nil then
        what = string.format("invalid field name '%s'", field)
      elseif want == nil then
        what = string.format("no more than %d argument%s expected, got %d", index - 1,
          index - 1 == 1 and "" or "s", index)
      else
        local names = {}
        for name in want:gmatch("[^|]+") do
          if name:sub(1, 1) == "?" then names[#names + 1] = "nil" name = name:sub(2) end
          names[#names + 1] = (name == "int") and "integer" or name
        end
        table.sort(names)
        local expected = names[#names]
        if #names > 1 then expected = table.concat(names, ", ", 1, #names - 1) .. " or " .. expected end
        if field then
          what = string.format("%s expected for field '%s', got %s", expected, field, got or "no value")
        else
          what = string.format("%s expected, got %s", expected, got or "no value")
        end
      end
      return string.format("bad argument #%d to '%s' (%s)", index, fname, what)
    end,
    diagnose = function()
      skip_reason = "uses specl's badargs.diagnose, which this runner does not implement"
    end,
  }
end
-- lua-stdlib's std.normalize, as show_apis uses it in its child processes: a table naming
-- modules by string becomes an environment holding those modules.
package.preload["std.normalize"] = function()
  return function(names)
    local environment = setmetatable({}, { __index = _G })
    for key, value in pairs(names) do
      if type(value) == "string" then
        value = (value == "_G") and _G or require(value)
      end
      environment[key] = value
    end
    return environment
  end
end

local function deep_equal(a, b)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then return false end
  for key, value in pairs(a) do if not deep_equal(value, b[key]) then return false end end
  for key in pairs(b) do if a[key] == nil then return false end end
  return true
end

-- A string contains a substring; a table contains an element as one of its values or keys.
local function contains(actual, element)
  if type(actual) == "string" then
    return type(element) == "string" and string.find(actual, element, 1, true) ~= nil
  end
  if type(actual) == "table" then
    if element ~= nil and actual[element] ~= nil then return true end
    for _, value in pairs(actual) do if deep_equal(value, element) then return true end end
  end
  return false
end

local function count_entries(t)
  local count = 0
  for _ in pairs(t) do count = count + 1 end
  return count
end

local function show(value)
  if type(value) == "string" then return string.format("%q", value) end
  if type(value) ~= "table" then return tostring(value) end
  local parts = {}
  for key, item in pairs(value) do parts[#parts + 1] = tostring(key) .. "=" .. show(item) end
  table.sort(parts)
  return "{" .. table.concat(parts, ", ") .. "}"
end

-- Each matcher: function(actual, expected, raised, message) -> boolean. `raised` is true when
-- the expression raised (then `actual` is the error value).
local matchers = {
  be = function(actual, expected, raised) return not raised and actual == expected end,
  equal = function(actual, expected, raised) return not raised and deep_equal(actual, expected) end,
  contain = function(actual, expected, raised) return not raised and contains(actual, expected) end,
  match = function(actual, expected, raised)
    return not raised and type(actual) == "string" and string.match(actual, expected) ~= nil
  end,
  raise = function(actual, expected, raised)
    if not raised then return false end
    if expected == nil then return true end
    local message = tostring(actual)
    return message == expected or string.find(message, expected, 1, true) ~= nil
  end,
  succeed_with = function(actual, expected, raised)
    return not raised and type(actual) == "table" and actual.status == 0 and actual.output == expected
  end,
  contain_output = function(actual, expected, raised)
    return not raised and type(actual) == "table" and type(actual.output) == "string"
      and string.find(actual.output, expected, 1, true) ~= nil
  end,
  succeed_while_matching = function(actual, expected, raised)
    return not raised and type(actual) == "table" and actual.status == 0
      and string.match(actual.output, expected) ~= nil
  end,
}

local expectations = 0
local function expect(thunk)
  local results = table.pack(pcall(thunk))
  local raised, actual = not results[1], results[2]
  local function check(name, negated, mode, expected)
    expectations = expectations + 1
    local matcher = matchers[name]
    if not matcher then
      local custom = custom_matchers[name]
      if not custom then error("spec_runner: unknown matcher to_" .. name, 3) end
      matcher = function(value, wanted, failed) return not failed and custom[1](custom, value, wanted) end
    end
    local ok
    if mode == "any_of" then
      ok = false
      for _, alternative in ipairs(expected) do
        if matcher(actual, alternative, raised) then ok = true break end
      end
    elseif mode == "all_of" then
      ok = true
      for _, alternative in ipairs(expected) do
        if not matcher(actual, alternative, raised) then ok = false break end
      end
    elseif mode == "a_permutation_of" then
      ok = not raised and type(actual) == "table" and count_entries(actual) == #expected
      for _, element in ipairs(expected) do ok = ok and contains(actual, element) end
    else
      ok = matcher(actual, expected, raised)
    end
    if negated then ok = not ok end
    if not ok then
      error(string.format("expected %s%s%s %s, got %s%s", negated and "not " or "", name:gsub("_", " "),
        mode and (" " .. mode:gsub("_", " ")) or "", show(expected), raised and "error " or "", show(actual)), 0)
    end
  end
  return setmetatable({}, {
    __index = function(_, key)
      -- to_x / not_to_x, and the older spelling should_x / should_not_x; "error" is "raise".
      local negated, name = false, key:match("^to_(.+)$") or key:match("^should_(.+)$")
      if name and name:match("^not_") then name = nil end
      if not name then name = key:match("^not_to_(.+)$") or key:match("^should_not_(.+)$") negated = true end
      if not name then error("spec_runner: unknown expectation " .. key, 2) end
      if name == "error" then name = "raise" end
      local function call(_, expected) return check(name, negated, nil, expected) end
      return setmetatable({
        any_of = function(expected) return check(name, negated, "any_of", expected) end,
        all_of = function(expected) return check(name, negated, "all_of", expected) end,
        a_permutation_of = function(expected) return check(name, negated, "a_permutation_of", expected) end,
      }, { __call = call })
    end,
  })
end
_G.expect = expect
_G.pending = function() error({ pending = true }) end

local function report(status, path, message)
  local line = "spec: " .. status .. " " .. path
  if message then line = line .. "\t" .. tostring(message):gsub("[\r\n]+", " | ") end
  report_file:write(line, "\n")
  report_file:flush()
end

local function run_code(code, name, environment)
  local chunk, load_error = load(code, "=" .. name, "t", environment)
  if not chunk then error(load_error, 0) end
  return chunk()
end

-- Every example's environment is kept until the end: what an example made stays alive, so the
-- collector never finalises it in the middle of a later example. (Specs make streams on the
-- standard descriptors with posix.stdio.fdopen; finalised, they close descriptor 1, and a later
-- fdopen(1) would fail or not depending on when the collector ran.)
local retained_environments = {}

local function run_example(path, code, hooks, parent_environment)
  for prefix, reason in pairs(not_run) do
    if path:sub(1, #prefix) == prefix then
      report("SKIP", path, reason)
      return
    end
  end
  local environment = setmetatable({}, { __index = parent_environment })
  retained_environments[#retained_environments + 1] = environment
  local dynamic = {}
  environment.examples = function(list)
    for name, body in pairs(list) do dynamic[#dynamic + 1] = { name = name, body = body } end
  end
  skip_reason = nil
  local before_expectations = expectations
  local ok, failure = xpcall(function()
    for _, hook in ipairs(hooks) do
      if hook.kind == "before" then run_code(hook.code, path .. " (before)", environment) end
    end
    run_code(code, path, environment)
  end, function(message)
    if type(message) == "table" and message.pending then return message end
    return debug.traceback(tostring(message), 2)
  end)
  for _, hook in ipairs(hooks) do
    if hook.kind == "after" then pcall(run_code, hook.code, path .. " (after)", environment) end
  end
  -- `examples` values are functions, or lists of tables of further examples (a nested context).
  local function run_dynamic(entries, prefix)
    table.sort(entries, function(a, b) return a.name < b.name end)
    for _, entry in ipairs(entries) do
      if type(entry.body) == "table" then
        local nested = {}
        for _, group in ipairs(entry.body) do
          for name, body in pairs(group) do nested[#nested + 1] = { name = name, body = body } end
        end
        run_dynamic(nested, prefix .. " / " .. entry.name)
      else
        local dynamic_ok, dynamic_failure = pcall(entry.body)
        report(dynamic_ok and "PASS" or "FAIL", prefix .. " / " .. entry.name, not dynamic_ok and dynamic_failure or nil)
      end
    end
  end
  run_dynamic(dynamic, path)
  if type(failure) == "table" and failure.pending then
    report("PENDING", path)
  elseif skip_reason and (ok or #dynamic > 0 or expectations == before_expectations) then
    report("SKIP", path, skip_reason)
  elseif ok and expectations == before_expectations and #dynamic > 0 then
    return -- only a container of `examples`
  else
    report(ok and "PASS" or "FAIL", path, not ok and failure or nil)
  end
end

local function walk(nodes, path, hooks, environment)
  local own_hooks = {}
  for _, hook in ipairs(hooks) do own_hooks[#own_hooks + 1] = hook end
  for _, node in ipairs(nodes) do
    if node.kind == "before" or node.kind == "after" then
      -- A hook applies to the examples after it in its group (and their subgroups).
      own_hooks[#own_hooks + 1] = node
    elseif node.kind == "group" then
      walk(node.children, path .. " / " .. node.name, own_hooks, environment)
    elseif node.kind == "example" then
      run_example(path .. " / " .. node.name, node.code, own_hooks, environment)
    else
      report("PENDING", path .. " / " .. node.name)
    end
  end
end

dofile(helper_file)
for index = 3, #arg do
  local tree = assert(dofile(arg[index]))
  local name = arg[index]:match("([^/]+)%.lua$")
  walk(tree, name, {}, _G)
end
report_file:write("spec: DONE\n")
report_file:close()
