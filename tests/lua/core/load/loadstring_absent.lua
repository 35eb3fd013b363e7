print(loadstring, setfenv, unpack, table.getn)
print(type(load), type(loadfile), type(dofile))
