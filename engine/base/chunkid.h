// The "chunk id" shown in messages: "@file" -> file (truncated "...tail"), "=name" -> name,
// anything else -> [string "first line..."], all within LUA_IDSIZE (60) bytes, as Lua 5.4.
#pragma once

#include <string>
#include <string_view>

namespace luna::base {

inline constexpr std::size_t id_size = 60;  // LUA_IDSIZE
std::string chunk_id(std::string_view source);

}  // namespace luna::base
