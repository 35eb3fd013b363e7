// Shared fixture for the auxiliary-library tests: a state from luaL_newstate with the standard
// libraries, and helpers to run Lua code and read results. The tests use only the public headers,
// so they exercise luaL_* exactly as a C module would.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "lua.hpp"

namespace luna::auxlib_test {

class AuxlibTest : public ::testing::Test {
 protected:
  void SetUp() override {
    L = luaL_newstate();
    ASSERT_NE(L, nullptr);
    luaL_openlibs(L);
  }
  void TearDown() override { lua_close(L); }

  // Runs `code` as a chunk named "=test" in protected mode. Returns the error message, or "" if
  // the chunk ran without error. The stack is left as it was.
  std::string run(const char* code) {
    int top = lua_gettop(L);
    int status = luaL_loadbuffer(L, code, std::char_traits<char>::length(code), "=test");
    if (status == LUA_OK) status = lua_pcall(L, 0, 0, 0);
    std::string message;
    if (status != LUA_OK) {
      const char* s = lua_tostring(L, -1);
      message = s != nullptr ? s : "(error object is not a string)";
      if (message.empty()) message = "(empty error message)";
    }
    lua_settop(L, top);
    return message;
  }

  // Evaluates `expression` and returns its value converted with tostring().
  std::string eval(const char* expression) {
    std::string code = std::string("return tostring(") + expression + ")";
    int top = lua_gettop(L);
    std::string result;
    if (luaL_loadbuffer(L, code.data(), code.size(), "=eval") == LUA_OK && lua_pcall(L, 0, 1, 0) == LUA_OK) {
      size_t length;
      const char* s = lua_tolstring(L, -1, &length);
      result.assign(s, length);
    } else
      result = std::string("error: ") + lua_tostring(L, -1);
    lua_settop(L, top);
    return result;
  }

  // Registers `f` as global `name`.
  void global_function(const char* name, lua_CFunction f) { lua_register(L, name, f); }

  lua_State* L = nullptr;
};

}  // namespace luna::auxlib_test
