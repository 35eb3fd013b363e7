/* A complete small embedder of Luna (docs/embedding.md shows this file verbatim). */
#include <stdio.h>
#include <string.h>

#include "luna.h"

/* A host function: greet(name) -> "hello, <name>" (an error for anything but a string). */
static luna_status greet(void* userdata, luna_state* S, const luna_value* args, size_t nargs,
                         luna_results* out) {
  char buffer[128];
  (void)S;
  if (nargs != 1 || args[0].type != LUNA_TSTRING || args[0].length > 100) {
    luna_value message = luna_string("greet: expected a short string", 30);
    luna_results_error(out, &message);
    return LUNA_ERROR_RUNTIME;
  }
  int n = snprintf(buffer, sizeof buffer, "%s, %.*s", (const char*)userdata, (int)args[0].length,
                   args[0].string);
  luna_value result = luna_string(buffer, (size_t)n);
  return luna_results_push(out, &result);
}

static void report(const char* what, luna_status status, luna_error* error) {
  printf("%s: %s", what, luna_status_name(status));
  if (error != NULL) {
    luna_frame frame;
    printf(" - %s", luna_error_message(error, NULL));
    if (luna_error_frame_count(error) > 1 && luna_error_frame(error, 1, &frame) == LUNA_OK)
      printf(" (at %s:%d)", frame.source, (int)frame.line);
    luna_error_release(error);
  }
  printf("\n");
}

int main(void) {
  luna_config config = {sizeof(luna_config), LUNA_LIBS_SANDBOX, 8u << 20, 0, 0}; /* 8 MiB */
  luna_state* S = NULL;
  luna_value fn, generator, co, key, value;
  luna_values results;
  luna_error* error = NULL;
  luna_status status;

  if (luna_abi_version() >> 16 != LUNA_ABI_VERSION_MAJOR) return 1;
  if (luna_state_new(&config, &S) != LUNA_OK) return 1;

  /* 1. Lua calls the host. */
  luna_new_function(S, greet, "hello", NULL, &fn);
  luna_set_global(S, "greet", 5, &fn, NULL);
  luna_value_release(&fn);
  const char* script = "local t = {greet('world'), n = 6 * 7} return t, #t[1]";
  status = luna_execute(S, script, strlen(script), "=example", NULL, 0, &results, &error);
  if (status != LUNA_OK) {
    report("script", status, error);
    return 1;
  }
  key = luna_integer(1);
  luna_rawget(S, &results.items[0], &key, &value);
  printf("t[1] = %.*s (%lld bytes)\n", (int)value.length, value.string,
         (long long)results.items[1].integer);
  luna_value_release(&value);
  luna_values_release(&results);

  /* 2. Errors keep their value and a traceback. */
  const char* bad = "local function check(x)\n  return greet(x)\nend\nreturn check(42)";
  status = luna_execute(S, bad, strlen(bad), "@bad.lua", NULL, 0, NULL, &error);
  report("bad call", status, error);

  /* 3. The host drives a coroutine. */
  const char* gen = "return function(n) for i = 1, n do coroutine.yield(i * i) end return 'done' end";
  luna_execute(S, gen, strlen(gen), "=gen", NULL, 0, &results, NULL);
  luna_coroutine_new(S, &results.items[0], &co);
  luna_values_release(&results);
  generator = luna_integer(3);
  while ((status = luna_resume(S, &co, &generator, 1, &results, NULL)) == LUNA_YIELD) {
    printf("yielded %lld\n", (long long)results.items[0].integer);
    luna_values_release(&results);
  }
  printf("coroutine: %s, returned %s\n", luna_status_name(status), results.items[0].string);
  luna_values_release(&results);
  luna_value_release(&co);

  /* 4. Limits: a runaway script cannot escape with pcall. */
  luna_set_instruction_limit(S, 1000000);
  const char* loop = "while true do pcall(function() while true do end end) end";
  status = luna_execute(S, loop, strlen(loop), "=loop", NULL, 0, NULL, &error);
  report("runaway", status, error);
  luna_set_instruction_limit(S, 0);

  /* 5. The sandbox has no io, and load refuses binary chunks. */
  const char* probe = "return type(io), select(2, load(string.dump(function() end)))";
  status = luna_execute(S, probe, strlen(probe), "=probe", NULL, 0, &results, &error);
  if (status == LUNA_OK) {
    printf("io is %s; load says: %s\n", results.items[0].string, results.items[1].string);
    luna_values_release(&results);
  } else {
    report("probe", status, error);
  }

  luna_state_close(S);
  return 0;
}
