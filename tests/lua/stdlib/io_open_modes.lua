-- io.open: valid and invalid modes, failure results
local name = os.tmpname()
for _, mode in ipairs({"r", "w", "a", "r+", "w+", "a+", "rb", "wb", "ab", "r+b", "w+b", "a+b", "rbb"}) do
  local f, err = io.open(name, mode)
  print(mode, io.type(f), err)
  if f then f:close() end
end
for _, mode in ipairs({"", "x", "rw", "br", "r+r", "+", "rb+", "wx", "r b"}) do
  print(mode, pcall(io.open, name, mode))
end
os.remove(name)
local f, err, code = io.open(name)
print(f, (err:gsub(name, "FILE", 1, true)), code)
print(io.open("/nonexistent-dir/file", "w"))
print(pcall(io.open))
print(pcall(io.open, name, 1))
print(io.open("/", "w"))
