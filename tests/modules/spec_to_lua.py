"""Converts a specl spec file (YAML: luaposix's upstream tests) into a Lua chunk for spec_runner.lua.

    spec_to_lua.py <spec.yaml> <out.lua>

The output returns a tree of nodes {kind=, name=, code=, children=}: kind "group" (describe,
context, specify: children), "example" (it, or a group whose value is code), "pending" (an example
without code), "before", "after". As specl does, every `expect(<expression>)` in the code becomes
`expect(function() return <expression> end)`, so that spec_runner.lua can tell a raised error
from a returned value.
"""
import re
import sys

import yaml

LUA_KEYWORD_START = re.compile(r"(?<![\w.:])expect\s*\(")


def skip_string(code, index):
    """Returns the index after the Lua string or comment starting at index, or None."""
    if code.startswith("--", index):
        long = re.match(r"--\[(=*)\[", code[index:])
        if long:
            end = code.find("]" + long.group(1) + "]", index)
            return len(code) if end < 0 else end + len(long.group(1)) + 2
        end = code.find("\n", index)
        return len(code) if end < 0 else end
    char = code[index]
    if char in "'\"":
        position = index + 1
        while position < len(code) and code[position] != char:
            position += 2 if code[position] == "\\" else 1
        return position + 1
    long = re.match(r"\[(=*)\[", code[index:])
    if long:
        end = code.find("]" + long.group(1) + "]", index)
        return len(code) if end < 0 else end + len(long.group(1)) + 2
    return None


def wrap_expectations(code):
    output = []
    index = 0
    while True:
        match = LUA_KEYWORD_START.search(code, index)
        if not match:
            output.append(code[index:])
            return "".join(output)
        # Only rewrite matches outside strings/comments: scan from index to the match.
        position = index
        inside = False
        while position < match.start():
            after = skip_string(code, position)
            if after is not None:
                if after > match.start():
                    inside = True
                    output.append(code[index:after])
                    index = after
                    break
                position = after
            else:
                position += 1
        if inside:
            continue
        output.append(code[index:match.start()])
        depth = 1
        position = match.end()
        while position < len(code) and depth > 0:
            after = skip_string(code, position)
            if after is not None:
                position = after
                continue
            if code[position] == "(":
                depth += 1
            elif code[position] == ")":
                depth -= 1
            position += 1
        arguments = wrap_expectations(code[match.end():position - 1])
        output.append(f"expect(function() return {arguments} end)")
        index = position


def lua_string(text):
    level = 0
    while ("]" + "=" * level + "]") in text + "]":
        level += 1
    return "[" + "=" * level + "[\n" + text + "]" + "=" * level + "]"


def node(key, value, out, depth):
    key = str(key)
    pad = "  " * depth
    word = key.split(" ", 1)[0]
    if word in ("before", "after"):
        out.append(f"{pad}{{kind={lua_string(word)}, code={lua_string(wrap_expectations(str(value or '')))}}},")
    elif isinstance(value, list):
        out.append(f"{pad}{{kind='group', name={lua_string(key)}, children={{")
        for item in value:
            items(item, out, depth + 1)
        out.append(f"{pad}}}}},")
    elif value is None:
        out.append(f"{pad}{{kind='pending', name={lua_string(key)}}},")
    else:
        out.append(f"{pad}{{kind='example', name={lua_string(key)}, code={lua_string(wrap_expectations(str(value)))}}},")


def items(item, out, depth):
    if isinstance(item, dict):
        for key, value in item.items():
            node(key, value, out, depth)
    else:
        raise ValueError(f"unexpected spec item {item!r}")


def convert(spec_path, lua_path):
    with open(spec_path) as spec:
        document = yaml.safe_load(spec)
    out = ["return {"]
    items(document, out, 1)
    out.append("}")
    with open(lua_path, "w") as lua:
        lua.write("\n".join(out) + "\n")


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2])
