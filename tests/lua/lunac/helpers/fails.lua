local function explode() local t = nil return t.field end
explode()
