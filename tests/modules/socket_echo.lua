-- Loopback TCP echo through luasocket (socket.core built or installed), server and client in this
-- one process: the server listens on 127.0.0.1 on a port the system picks, the client connects,
-- and each message (line-framed and length-framed, up to 1 MiB so the kernel buffers fill and
-- the two ends must be interleaved with socket.select) must come back byte for byte. Everything
-- is closed at the end; no traffic leaves the loopback interface. Each verified round trip counts
-- as one check (printed as "echo: <n> round trips ok").
local socket = require "socket"

local server = assert(socket.bind("127.0.0.1", 0))
local server_ip, port = server:getsockname()
assert(server_ip == "127.0.0.1" and tonumber(port) > 0, "bound to " .. tostring(server_ip))
server:settimeout(5)

local client = assert(socket.connect("127.0.0.1", port))
local connection = assert(server:accept())
client:settimeout(0)
connection:settimeout(0)
assert(client:getpeername() == "127.0.0.1")

-- Sends `payload` from the client, lets the server echo what it receives, and collects `expected`
-- bytes back at the client; both directions are pumped with select until done (5 s deadline).
local function round_trip(payload, receive_pattern)
  local sent, echoed_back, pending = 0, {}, ""
  local received_total, expected = 0, #payload
  local deadline = socket.gettime() + 5
  while received_total < expected do
    assert(socket.gettime() < deadline, "echo timed out after " .. received_total .. " bytes")
    local readable, writable = socket.select({ client, connection }, { client, connection }, 1)
    if sent < #payload and writable[client] then
      local last, err, partial = client:send(payload, sent + 1)
      sent = last or partial or sent
      assert(last or err == "timeout", err)
    end
    if readable[connection] then
      local data, err, partial = connection:receive(8192)
      pending = pending .. (data or partial or "")
      assert(data or err == "timeout", err)
    end
    if #pending > 0 and writable[connection] then
      local last, err, partial = connection:send(pending)
      local done = last or partial or 0
      pending = pending:sub(done + 1)
      assert(last or err == "timeout", err)
    end
    if readable[client] then
      local data, err, partial = client:receive(receive_pattern or 8192)
      local chunk = data or partial or ""
      if receive_pattern == "*l" and data then chunk = chunk .. "\n" end
      echoed_back[#echoed_back + 1] = chunk
      received_total = received_total + #chunk
      assert(data or err == "timeout", err)
    end
  end
  local result = table.concat(echoed_back)
  assert(result == payload, "echoed bytes differ from those sent (" .. #result .. " vs " .. #payload .. ")")
end

local round_trips = 0
for _, line in ipairs { "hello\n", "second line\n", ("x"):rep(1000) .. "\n", "\n" } do
  round_trip(line, "*l")
  round_trips = round_trips + 1
end
local bytes = {}
for code = 0, 255 do bytes[#bytes + 1] = string.char(code) end
local all_bytes = table.concat(bytes)
for _, size in ipairs { 1, 255, 4096, 65536, 1048576 } do
  round_trip(all_bytes:rep(size // 256 + 1):sub(1, size))
  round_trips = round_trips + 1
end

-- An orderly shutdown is seen as "closed" by the other end.
client:close()
connection:settimeout(5)
local data, err = connection:receive(1)
assert(data == nil and err == "closed", "after close: " .. tostring(data) .. " " .. tostring(err))
connection:close()
server:close()
print(string.format("echo: %d round trips ok", round_trips))
