local function get_x() return x end
x = "global x"
print(get_x())
do
  local _ENV = {x = "local env x"}
  local function get_x2() return x end
  _G_result = get_x2()
end
print(_G_result, get_x())
