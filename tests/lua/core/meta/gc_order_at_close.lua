-- objects marked for finalization are finalized in reverse order of marking when the state closes
for i = 1, 3 do
  setmetatable({}, {__gc = function() print("finalize", i) end})
end
print("end of script")
