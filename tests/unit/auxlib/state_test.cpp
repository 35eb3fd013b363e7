// luaL_newstate (allocator, panic function, warning function), luaL_loadbufferx,
// luaL_loadstring and luaL_loadfilex (first-line comments, BOM, binary chunks, file errors).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "auxlib_fixture.h"

namespace luna::auxlib_test {
namespace {

using StateTest = AuxlibTest;

TEST_F(StateTest, NewStateHasAWorkingAllocator) {
  void* ud = reinterpret_cast<void*>(1);
  lua_Alloc allocate = lua_getallocf(L, &ud);
  ASSERT_NE(allocate, nullptr);
  void* block = allocate(ud, nullptr, LUA_TSTRING, 100);
  ASSERT_NE(block, nullptr);
  std::memset(block, 1, 100);
  block = allocate(ud, block, 100, 1000);
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(allocate(ud, block, 1000, 0), nullptr);
  EXPECT_EQ(run("local t = {} for i = 1, 10000 do t[i] = tostring(i) end"), "");
}

TEST(StateDeathTest, PanicPrintsTheMessage) {
  ::testing::FLAGS_gtest_death_test_style = "threadsafe";
  EXPECT_DEATH(
      {
        lua_State* L = luaL_newstate();
        lua_pushliteral(L, "unprotected boom");
        lua_error(L);
      },
      "PANIC: unprotected error in call to Lua API \\(unprotected boom\\)");
  EXPECT_DEATH(
      {
        lua_State* L = luaL_newstate();
        lua_newtable(L);
        lua_error(L);
      },
      "PANIC: unprotected error in call to Lua API \\(error object is not a string\\)");
}

// Runs `body` with stderr captured and returns what was written.
template <typename Body>
std::string stderr_of(Body body) {
  ::testing::internal::CaptureStderr();
  body();
  return ::testing::internal::GetCapturedStderr();
}

TEST_F(StateTest, WarningsStartOffAndFollowControlMessages) {
  EXPECT_EQ(stderr_of([&] { lua_warning(L, "ignored while off", 0); }), "");
  EXPECT_EQ(stderr_of([&] {
              lua_warning(L, "@on", 0);
              lua_warning(L, "first", 0);
            }),
            "Lua warning: first\n");
  EXPECT_EQ(stderr_of([&] {
              lua_warning(L, "part one, ", 1);
              lua_warning(L, "@off", 1);  // inside a message: text, not control
              lua_warning(L, " end", 0);
            }),
            "Lua warning: part one, @off end\n");
  EXPECT_EQ(stderr_of([&] {
              lua_warning(L, "@unknown", 0);  // unknown control messages are ignored
              lua_warning(L, "@off", 0);
              lua_warning(L, "gone", 0);
              lua_warning(L, "gone too, ", 1);
              lua_warning(L, "still gone", 0);
            }),
            "");
  EXPECT_EQ(stderr_of([&] { EXPECT_EQ(run("warn('@on') warn('from ', 'Lua') warn('@off') warn('x')"), ""); }),
            "Lua warning: from Lua\n");
}

TEST_F(StateTest, LoadBufferAndString) {
  ASSERT_EQ(luaL_loadstring(L, "return 1 + 2"), LUA_OK);
  ASSERT_EQ(lua_pcall(L, 0, 1, 0), LUA_OK);
  EXPECT_EQ(lua_tointeger(L, -1), 3);
  lua_pop(L, 1);
  // The chunk name of luaL_loadstring is the code itself.
  ASSERT_EQ(luaL_loadstring(L, "error('e')"), LUA_OK);
  ASSERT_EQ(lua_pcall(L, 0, 0, 0), LUA_ERRRUN);
  EXPECT_STREQ(lua_tostring(L, -1), "[string \"error('e')\"]:1: e");
  lua_pop(L, 1);
  EXPECT_EQ(luaL_loadbuffer(L, "x = = 1", 7, "=named"), LUA_ERRSYNTAX);
  EXPECT_STREQ(lua_tostring(L, -1), "named:1: unexpected symbol near '='");
  lua_pop(L, 1);
  // Only the given length is read: embedded zeros and trailing garbage are fine.
  const char code[] = "return 'a\\0b'\0garbage";
  ASSERT_EQ(luaL_loadbuffer(L, code, std::strlen(code), "=z"), LUA_OK);
  ASSERT_EQ(lua_pcall(L, 0, 1, 0), LUA_OK);
  EXPECT_EQ(lua_rawlen(L, -1), 3u);
  lua_pop(L, 1);
  EXPECT_EQ(luaL_loadbuffer(L, "", 0, "=empty"), LUA_OK);
  lua_pop(L, 1);
  EXPECT_EQ(luaL_loadbufferx(L, "return 1", 8, "=mode", "b"), LUA_ERRSYNTAX);
  EXPECT_STREQ(lua_tostring(L, -1), "attempt to load a text chunk (mode is 'b')");
  lua_pop(L, 1);
  EXPECT_EQ(luaL_loadbufferx(L, "return 1", 8, "=mode", "t"), LUA_OK);
  lua_pop(L, 1);
}

class LoadFileTest : public AuxlibTest {
 protected:
  void SetUp() override {
    AuxlibTest::SetUp();
    char pattern[] = "/tmp/luna_auxlib_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    directory = pattern;
  }
  void TearDown() override {
    for (const std::string& f : files) std::remove(f.c_str());
    rmdir(directory.c_str());
    AuxlibTest::TearDown();
  }
  std::string write_file(const char* name, const std::string& content) {
    std::string path = directory + "/" + name;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    EXPECT_NE(f, nullptr);
    std::fwrite(content.data(), 1, content.size(), f);
    std::fclose(f);
    files.push_back(path);
    return path;
  }
  // Loads and runs the file; returns its first result as a string, or "error N: message".
  std::string run_file(const std::string& path, const char* mode = nullptr) {
    int top = lua_gettop(L);
    int status = luaL_loadfilex(L, path.c_str(), mode);
    if (status == LUA_OK) status = lua_pcall(L, 0, 1, 0);
    std::string out = status == LUA_OK ? std::string(luaL_tolstring(L, -1, nullptr))
                                       : "error " + std::to_string(status) + ": " + lua_tostring(L, -1);
    lua_settop(L, top);
    return out;
  }
  std::string directory;
  std::vector<std::string> files;
};

TEST_F(LoadFileTest, PlainFileWithChunkName) {
  std::string path = write_file("plain.lua", "local x = 1\nerror('at line two')\n");
  EXPECT_EQ(run_file(path), "error 2: " + path + ":2: at line two");
  EXPECT_EQ(run_file(write_file("ok.lua", "return 'fine'")), "fine");
  EXPECT_EQ(run_file(write_file("empty.lua", "")), "nil");
}

TEST_F(LoadFileTest, SkipsAFirstLineCommentKeepingLineNumbers) {
  std::string path = write_file("script.lua", "#!/usr/bin/env luna\nlocal x = 1\nerror('line three')\n");
  EXPECT_EQ(run_file(path), "error 2: " + path + ":3: line three");
  EXPECT_EQ(run_file(write_file("only_comment.lua", "# nothing else")), "nil");
  EXPECT_EQ(run_file(write_file("hash_then_code.lua", "#\nreturn 5")), "5");
}

TEST_F(LoadFileTest, SkipsAByteOrderMark) {
  EXPECT_EQ(run_file(write_file("bom.lua", "\xEF\xBB\xBFreturn 'bom'")), "bom");
  EXPECT_EQ(run_file(write_file("bom_comment.lua", "\xEF\xBB\xBF# comment\nreturn 'both'")), "both");
  std::string broken = run_file(write_file("broken_bom.lua", "\xEF\xBBreturn 1"));
  EXPECT_EQ(broken.rfind("error 3: ", 0), 0u) << broken;
}

int collect_dump(lua_State*, const void* p, size_t size, void* ud) {
  static_cast<std::string*>(ud)->append(static_cast<const char*>(p), size);
  return 0;
}

TEST_F(LoadFileTest, BinaryChunksAlsoAfterACommentLine) {
  ASSERT_EQ(luaL_loadstring(L, "return 'from binary'"), LUA_OK);
  std::string binary;
  ASSERT_EQ(lua_dump(L, collect_dump, &binary, 0), 0);
  lua_pop(L, 1);
  ASSERT_EQ(binary.substr(0, 4), LUA_SIGNATURE);
  EXPECT_EQ(run_file(write_file("chunk.luac", binary)), "from binary");
  EXPECT_EQ(run_file(write_file("script.luac", "#!/usr/bin/luna\n" + binary)), "from binary");
  EXPECT_EQ(run_file(write_file("chunk2.luac", binary), "b"), "from binary");
  std::string text_as_binary = run_file(write_file("text.lua", "return 1"), "b");
  EXPECT_EQ(text_as_binary, "error 3: attempt to load a text chunk (mode is 'b')");
  std::string binary_as_text = run_file(write_file("chunk3.luac", binary), "t");
  EXPECT_EQ(binary_as_text, "error 3: attempt to load a binary chunk (mode is 't')");
}

TEST_F(LoadFileTest, MissingAndUnreadableFiles) {
  int top = lua_gettop(L);
  std::string missing = directory + "/does-not-exist.lua";
  EXPECT_EQ(luaL_loadfilex(L, missing.c_str(), nullptr), LUA_ERRFILE);
  EXPECT_EQ(lua_gettop(L), top + 1);  // only the message; the chunk name is removed
  EXPECT_EQ(std::string(lua_tostring(L, -1)), "cannot open " + missing + ": " + std::strerror(ENOENT));
  lua_settop(L, top);
  // A directory opens but cannot be read.
  EXPECT_EQ(luaL_loadfilex(L, directory.c_str(), nullptr), LUA_ERRFILE);
  EXPECT_EQ(std::string(lua_tostring(L, -1)), "cannot read " + directory + ": " + std::strerror(EISDIR));
  EXPECT_EQ(lua_gettop(L), top + 1);
  lua_settop(L, top);
  EXPECT_EQ(luaL_dofile(L, missing.c_str()), 1);
  lua_settop(L, top);
}

TEST_F(LoadFileTest, DoFileAndDoString) {
  int top = lua_gettop(L);
  EXPECT_EQ(luaL_dofile(L, write_file("two.lua", "return 1, 2").c_str()), 0);
  EXPECT_EQ(lua_gettop(L), top + 2);
  lua_settop(L, top);
  EXPECT_EQ(luaL_dostring(L, "return ..."), 0);
  EXPECT_EQ(lua_gettop(L), top);
  EXPECT_NE(luaL_dostring(L, "error('x', 0)"), 0);
  EXPECT_STREQ(lua_tostring(L, -1), "x");
  lua_settop(L, top);
}

TEST_F(LoadFileTest, StandardInputWhenNoFileName) {
  int saved_stdin = dup(fileno(stdin));
  ASSERT_GE(saved_stdin, 0);
  int top = lua_gettop(L);

  ASSERT_NE(std::freopen(write_file("in1.lua", "#!shebang\nreturn 'read from stdin'").c_str(), "r", stdin), nullptr);
  ASSERT_EQ(luaL_loadfilex(L, nullptr, nullptr), LUA_OK);
  ASSERT_EQ(lua_pcall(L, 0, 1, 0), LUA_OK);
  EXPECT_STREQ(lua_tostring(L, -1), "read from stdin");
  lua_settop(L, top);

  ASSERT_NE(std::freopen(write_file("in2.lua", "\nerror('where am i')").c_str(), "r", stdin), nullptr);
  ASSERT_EQ(luaL_loadfilex(L, nullptr, nullptr), LUA_OK);
  ASSERT_EQ(lua_pcall(L, 0, 0, 0), LUA_ERRRUN);
  EXPECT_STREQ(lua_tostring(L, -1), "stdin:2: where am i");  // chunk name "=stdin"
  lua_settop(L, top);

  dup2(saved_stdin, fileno(stdin));
  close(saved_stdin);
  clearerr(stdin);
}

}  // namespace
}  // namespace luna::auxlib_test
