-- bench: size=170000 growth=linear
-- Object-oriented workload: classes built from metatables with __index chains,
-- method calls, inheritance two levels deep, and a small task scheduler in the
-- spirit of richards (tasks exchanging packets through queues).
local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, { __index = parent }) end
  c.new = function(...)
    local object = setmetatable({}, c)
    object:init(...)
    return object
  end
  return c
end

-- A packet carries a kind and a payload; queues are intrusive linked lists.
local Packet = class()
function Packet:init(kind, value) self.kind = kind; self.value = value; self.next = nil end

local Queue = class()
function Queue:init() self.head = nil; self.tail = nil; self.length = 0 end
function Queue:push(packet)
  packet.next = nil
  if self.tail then self.tail.next = packet else self.head = packet end
  self.tail = packet
  self.length = self.length + 1
end
function Queue:pop()
  local packet = self.head
  if packet then
    self.head = packet.next
    if not self.head then self.tail = nil end
    self.length = self.length - 1
  end
  return packet
end
function Queue:is_empty() return self.length == 0 end

local Task = class()
function Task:init(id, scheduler)
  self.id = id
  self.scheduler = scheduler
  self.inbox = Queue.new()
  self.handled = 0
end
function Task:deliver(packet) self.inbox:push(packet) end
function Task:ready() return not self.inbox:is_empty() end
function Task:step()
  local packet = self.inbox:pop()
  self.handled = self.handled + 1
  self:handle(packet)
end
function Task:handle() end

-- Worker: transforms packets and forwards them to a handler.
local Worker = class(Task)
function Worker:init(id, scheduler, target)
  Task.init(self, id, scheduler)
  self.target = target
  self.counter = 0
end
function Worker:handle(packet)
  self.counter = (self.counter + packet.value) % 1000
  packet.value = self.counter
  packet.kind = "work"
  self.scheduler:send(self.target, packet)
end

-- Handler: accumulates work and bounces packets to a device.
local Handler = class(Task)
function Handler:init(id, scheduler, device)
  Task.init(self, id, scheduler)
  self.device = device
  self.total = 0
end
function Handler:handle(packet)
  self.total = self.total + packet.value
  packet.kind = "device"
  self.scheduler:send(self.device, packet)
end

-- Device: the end of the line; recycles packets back to the idle task.
local Device = class(Handler)
function Device:handle(packet)
  self.total = self.total + 1
  packet.value = (packet.value * 7 + self.id) % 97
  self.scheduler:send(1, packet)
end

-- Idle: generates fresh work alternately for the two workers.
local Idle = class(Task)
function Idle:init(id, scheduler, workers)
  Task.init(self, id, scheduler)
  self.workers = workers
  self.turn = 0
end
function Idle:handle(packet)
  self.turn = self.turn + 1
  local worker = self.workers[self.turn % #self.workers + 1]
  packet.kind = "idle"
  self.scheduler:send(worker, packet)
end

local Scheduler = class()
function Scheduler:init() self.tasks = {}; self.sent = 0 end
function Scheduler:add(task) self.tasks[task.id] = task end
function Scheduler:send(id, packet)
  self.sent = self.sent + 1
  self.tasks[id]:deliver(packet)
end
function Scheduler:run(rounds)
  local tasks = self.tasks
  for _ = 1, rounds do
    for i = 1, #tasks do
      local task = tasks[i]
      if task:ready() then task:step() end
    end
  end
end

-- Point with arithmetic metamethods: exercises __add/__mul/__eq dispatch.
local Point = class()
function Point:init(x, y) self.x = x; self.y = y end
Point.__add = function(a, b) return Point.new(a.x + b.x, a.y + b.y) end
Point.__mul = function(a, k) return Point.new(a.x * k, a.y * k) end
Point.__eq = function(a, b) return a.x == b.x and a.y == b.y end
function Point:dot(other) return self.x * other.x + self.y * other.y end

local rounds = tonumber(arg and arg[1]) or 170000
local s = Scheduler.new()
-- ids: 1 idle, 2-3 workers, 4-5 handlers, 6-7 devices
s:add(Idle.new(1, s, { 2, 3 }))
s:add(Worker.new(2, s, 4))
s:add(Worker.new(3, s, 5))
s:add(Handler.new(4, s, 6))
s:add(Handler.new(5, s, 7))
s:add(Device.new(6, s, 0))
s:add(Device.new(7, s, 0))
for i = 1, 8 do s.tasks[1]:deliver(Packet.new("idle", i)) end
s:run(rounds)

local acc, origin, equal = Point.new(0, 0), Point.new(0, 0), 0
for i = 1, rounds do
  local p = Point.new(i % 13, i % 7) * 2 + Point.new(1, -1)
  acc = acc + p
  if p == Point.new(1, -1) then equal = equal + 1 end
  acc.x = acc.x % 100003
  acc.y = acc.y % 100003
end

local handled = 0
for i = 1, #s.tasks do handled = handled + s.tasks[i].handled end
print(string.format("sent %d handled %d total %d %d", s.sent, handled, s.tasks[4].total, s.tasks[7].total))
print(string.format("points %d %d %d dot %d", acc.x, acc.y, equal, acc:dot(origin + Point.new(1, 1))))
