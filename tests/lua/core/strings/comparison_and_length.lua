local a, b = "abc", "abd"
print(a < b, a <= a, b > a, a == "abc", #a + #b)
print(("a"):rep(1000) < ("a"):rep(1001), ("b"):rep(10) > ("a"):rep(100))
print("" == "", "" < "\0", "\255" > "\127")
