// Helpers for the luna.h tests: a state fixture and small RAII owners of output values, so a
// failed assertion never leaks handles.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "luna.h"

namespace luna::embed_test {

struct Owned {
  luna_value v = luna_nil();
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() { luna_value_release(&v); }
  luna_value* operator&() { return &v; }
};

struct OwnedValues {
  luna_values v{0, nullptr};
  OwnedValues() = default;
  OwnedValues(const OwnedValues&) = delete;
  OwnedValues& operator=(const OwnedValues&) = delete;
  ~OwnedValues() { luna_values_release(&v); }
  const luna_value& operator[](std::size_t i) const { return v.items[i]; }
  std::size_t size() const { return v.count; }
};

struct OwnedError {
  luna_error* e = nullptr;
  OwnedError() = default;
  OwnedError(const OwnedError&) = delete;
  OwnedError& operator=(const OwnedError&) = delete;
  ~OwnedError() { luna_error_release(e); }
  std::string message() const {
    std::size_t n = 0;
    const char* text = luna_error_message(e, &n);
    return std::string(text, n);
  }
};

inline std::string text(const luna_value& v) { return std::string(v.string, v.length); }
inline luna_value str(std::string_view s) { return luna_string(s.data(), s.size()); }

class StateTest : public ::testing::Test {
 protected:
  void SetUp() override { open(LUNA_LIBS_FULL, 0); }
  void TearDown() override { luna_state_close(S); }
  void open(std::uint32_t libraries, std::uint64_t limit, std::uint32_t options = 0) {
    luna_state_close(S);
    S = nullptr;
    luna_config config{sizeof(luna_config), libraries, limit, options, 0};
    ASSERT_EQ(luna_state_new(&config, &S), LUNA_OK);
  }
  // Runs code; returns the status and fills results/error.
  luna_status run(std::string_view code, OwnedValues* results = nullptr, OwnedError* error = nullptr) {
    return luna_execute(S, code.data(), code.size(), "=test", nullptr, 0,
                        results != nullptr ? &results->v : nullptr, error != nullptr ? &error->e : nullptr);
  }
  luna_state* S = nullptr;
};

}  // namespace luna::embed_test
