local x = "outer"
do local x = "inner" print(x) end
print(x)
do end do ; end ;;;
print("empty statements ok")
