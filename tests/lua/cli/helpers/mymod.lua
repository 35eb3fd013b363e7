-- module loaded by the -l tests
return {value = "mymod value", name = ...}
