// luna.h library selection: the SANDBOX preset's exact contents and the binary-chunk policy.
#include "embed_support.h"

namespace luna::embed_test {
namespace {

class EmbedSandbox : public StateTest {
 protected:
  void SetUp() override { open(LUNA_LIBS_SANDBOX, 0); }
};

TEST_F(EmbedSandbox, DangerousLibrariesAndFunctionsAreAbsent) {
  OwnedValues r;
  ASSERT_EQ(run("return io, debug, package, require, dofile, loadfile, os.execute, os.exit,"
                " os.getenv, os.remove",
                &r),
            LUNA_OK);
  ASSERT_EQ(r.size(), 10u);
  for (std::size_t i = 0; i < r.size(); ++i) EXPECT_EQ(r[i].type, LUNA_TNIL) << i;
}

TEST_F(EmbedSandbox, SafeLibrariesArePresent) {
  OwnedValues r;
  ASSERT_EQ(run("local n = 0 for k in pairs(os) do n = n + 1 end\n"
                "return n, type(os.time()), type(os.clock()), os.date('!%Y', 0), string.upper('a'),"
                " table.concat({1, 2}), math.max(1, 2), utf8.char(72), coroutine.running() ~= nil,"
                " type(load), type(pcall), type(print)",
                &r),
            LUNA_OK);
  ASSERT_EQ(r.size(), 12u);
  EXPECT_EQ(r[0].integer, 4);  // time, clock, date, difftime
  EXPECT_EQ(text(r[1]), "number");
  EXPECT_EQ(text(r[2]), "number");
  EXPECT_EQ(text(r[3]), "1970");
  EXPECT_EQ(text(r[4]), "A");
  EXPECT_EQ(text(r[5]), "12");
  EXPECT_EQ(r[6].integer, 2);
  EXPECT_EQ(text(r[7]), "H");
  EXPECT_EQ(r[8].boolean, 1);
  EXPECT_EQ(text(r[9]), "function");
}

TEST_F(EmbedSandbox, LoadAcceptsTextOnly) {
  OwnedValues r;
  ASSERT_EQ(run("local f = load('return 1 + 1') local bin = string.dump(function() return 7 end)\n"
                "local g, msg = load(bin, 'bin', 'b')\n"
                "local h, msg2 = load(bin)\n"
                "return f(), g, msg, h, msg2",
                &r),
            LUNA_OK);
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[0].integer, 2);
  EXPECT_EQ(r[1].type, LUNA_TNIL);
  EXPECT_NE(text(r[2]).find("attempt to load a binary chunk"), std::string::npos) << text(r[2]);
  EXPECT_EQ(r[3].type, LUNA_TNIL);
  EXPECT_NE(text(r[4]).find("binary chunk"), std::string::npos);
}

TEST_F(EmbedSandbox, HostLoadRefusesBinaryChunks) {
  OwnedValues bin;
  ASSERT_EQ(run("return string.dump(function() return 7 end)", &bin), LUNA_OK);
  Owned fn;
  OwnedError e;
  EXPECT_EQ(luna_load(S, bin[0].string, bin[0].length, "=bin", LUNA_LOAD_BINARY, &fn.v, &e.e),
            LUNA_ERROR_SYNTAX);
  EXPECT_EQ(e.message(), "binary chunks are not allowed in this state");
  OwnedError e2;
  EXPECT_EQ(luna_load(S, bin[0].string, bin[0].length, "=bin", LUNA_LOAD_ANY, &fn.v, &e2.e),
            LUNA_ERROR_SYNTAX);
  EXPECT_NE(e2.message().find("attempt to load a binary chunk"), std::string::npos) << e2.message();
}

TEST(EmbedLibrarySelection, FullLoadsBinaryChunksAndHasEverything) {
  luna_state* S = nullptr;
  ASSERT_EQ(luna_state_new(nullptr, &S), LUNA_OK);
  luna_values r{0, nullptr};
  const char code[] = "return string.dump(function() return 7 end), type(io), type(debug), type(require),"
                      " type(dofile), type(os.getenv)";
  ASSERT_EQ(luna_execute(S, code, sizeof code - 1, "=t", nullptr, 0, &r, nullptr), LUNA_OK);
  ASSERT_EQ(r.count, 6u);
  for (std::size_t i = 1; i < 6; ++i) EXPECT_EQ(text(r.items[i]), "function" == text(r.items[i]) ? "function" : "table");
  luna_value fn{};
  ASSERT_EQ(luna_load(S, r.items[0].string, r.items[0].length, "=bin", LUNA_LOAD_BINARY, &fn, nullptr), LUNA_OK);
  luna_values out{0, nullptr};
  ASSERT_EQ(luna_call(S, &fn, nullptr, 0, &out, nullptr), LUNA_OK);
  EXPECT_EQ(out.items[0].integer, 7);
  luna_value_release(&fn);
  luna_values_release(&out);
  luna_values_release(&r);
  luna_state_close(S);
}

TEST(EmbedLibrarySelection, NoLibrariesAtAll) {
  luna_config config{sizeof(luna_config), LUNA_LIBS_NONE, 0, 0, 0};
  luna_state* S = nullptr;
  ASSERT_EQ(luna_state_new(&config, &S), LUNA_OK);
  luna_values r{0, nullptr};
  ASSERT_EQ(luna_execute(S, "return print, string, 1 + 1", 27, "=t", nullptr, 0, &r, nullptr), LUNA_OK);
  ASSERT_EQ(r.count, 3u);
  EXPECT_EQ(r.items[0].type, LUNA_TNIL);
  EXPECT_EQ(r.items[1].type, LUNA_TNIL);
  EXPECT_EQ(r.items[2].integer, 2);
  luna_values_release(&r);
  luna_state_close(S);
}

}  // namespace
}  // namespace luna::embed_test
