-- helper with a syntax error, to check the "error loading module" message
return +
