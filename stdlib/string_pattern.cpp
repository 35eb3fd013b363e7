// Lua patterns (manual §6.4.1) and the functions built on them: find, match, gmatch, gsub.
// A backtracking matcher over byte ranges. Recursion is bounded (max_match_depth) so a
// pathological pattern raises "pattern too complex" instead of overflowing the C stack.
// Speed: character classes read the C library's classification table directly (ClassTable);
// repetitions test their class in a tight loop (count_repeats); and the search loops of find,
// match, gmatch and gsub skip start positions where the pattern's first item cannot match
// (StartFilter) without entering the matcher.
#include "string_lib.h"

#include <cctype>
#include <cstring>

#include "vm/interrupt_lib.h"

namespace luna::stdlib::string_lib {
namespace {

constexpr int max_captures = 32;      // must fit in an unsigned char, as in the reference
constexpr int max_match_depth = 200;  // nesting of the recursive matcher
constexpr char escape = '%';
constexpr const char* special_characters = "^$*+?.([%-";

// Capture lengths carry two markers besides real lengths.
constexpr std::ptrdiff_t capture_open = -1;
constexpr std::ptrdiff_t capture_position = -2;

// The current locale's character classification, as isalpha & co. see it. With glibc those
// are out-of-line calls in C++ that only read the table __ctype_b_loc() points at, so reading it
// directly gives identical answers (os.setlocale included) for the price of a load. Elsewhere the
// standard functions are called.
#if defined(__GLIBC__)
using ClassTable = const unsigned short*;
ClassTable current_class_table() { return *__ctype_b_loc(); }
constexpr unsigned short class_mask(int lower_letter) {
  switch (lower_letter) {
    case 'a': return _ISalpha;
    case 'c': return _IScntrl;
    case 'd': return _ISdigit;
    case 'g': return _ISgraph;
    case 'l': return _ISlower;
    case 'p': return _ISpunct;
    case 's': return _ISspace;
    case 'u': return _ISupper;
    case 'w': return _ISalnum;
    case 'x': return _ISxdigit;
    default: return 0;
  }
}
bool in_class(ClassTable table, int c, unsigned short mask) { return (table[c] & mask) != 0; }
#else
using ClassTable = std::nullptr_t;
ClassTable current_class_table() { return nullptr; }
unsigned short class_mask(int lower_letter) {
  return std::strchr("acdglpsuwx", lower_letter) != nullptr && lower_letter != 0
             ? static_cast<unsigned short>(lower_letter) : 0;
}
bool in_class(ClassTable, int c, unsigned short mask) {
  switch (mask) {
    case 'a': return std::isalpha(c);
    case 'c': return std::iscntrl(c);
    case 'd': return c >= '0' && c <= '9';
    case 'g': return std::isgraph(c);
    case 'l': return std::islower(c);
    case 'p': return std::ispunct(c);
    case 's': return std::isspace(c);
    case 'u': return std::isupper(c);
    case 'w': return std::isalnum(c);
    default: return std::isxdigit(c);
  }
}
#endif

// The test of one escaped class letter, decoded once: a table bit (%a...; upper case
// complements), a comparison with 0 (%z, deprecated but accepted by 5.4), or the letter itself
// (%., %%...). Class letters are ASCII: OR-ing 0x20 folds their case and maps no other byte onto
// an ASCII lower-case letter.
struct ClassTest {
  unsigned short mask;
  unsigned char literal;
  bool complement;

  static ClassTest of(int letter) {
    const int folded = letter | 0x20;
    const unsigned short mask = class_mask(folded);
    const bool complement = letter < 'a';
    if (mask != 0) return {mask, 0, complement};
    if (folded == 'z') return {0, 0, complement};
    return {0, static_cast<unsigned char>(letter), false};
  }
  bool matches(ClassTable table, int c) const {
    return (mask != 0 ? in_class(table, c, mask) : c == literal) != complement;
  }
};

bool class_matches(ClassTable table, int c, int class_letter) {
  return ClassTest::of(class_letter).matches(table, c);
}

struct Capture {
  const char* start;
  std::ptrdiff_t length;
};

struct Matcher {
  const char* subject_begin;
  const char* subject_end;
  const char* pattern_end;
  lua_State* L;
  int depth_left;
  int level;  // captures started (finished or not)
  ClassTable classes;
  const char* start_item;      // StartFilter: the pattern's first item, or null
  const char* start_item_end;
  // Run skipping: when the first item is a "+" repetition and the pattern has no back
  // references, an attempt at s that fails after the item ran to lead_run_end proves that every
  // attempt inside that run fails too (each would try the rest of the pattern at a subset of the
  // same positions, with the same captures open), so the search resumes at the run's end.
  bool skip_runs;
  const char* lead_run_end;
  Capture captures[max_captures];

  void reset() {
    level = 0;
    lead_run_end = nullptr;
  }
  // Where the search goes on after the attempt at s returned 'result' (no acceptable match).
  const char* next_start(const char* s, const char* result) const {
    return (result == nullptr && lead_run_end != nullptr) ? lead_run_end : s + 1;
  }
  const char* match(const char* s, const char* p);
  // The first position from s on (up to subject_end) where a match may start.
  const char* next_candidate(const char* s) const;

 private:
  int checked_capture_index(int digit);
  int innermost_open_capture();
  const char* class_end(const char* p);
  bool single_match(const char* s, const char* p, const char* class_last) const;
  const char* match_balance(const char* s, const char* p);
  template <bool Matching>
  const char* scan_class(const char* s, const char* p, const char* class_last) const;
  int next_literal(const char* p) const;
  const char* max_expand(const char* s, const char* p, const char* class_last);
  const char* min_expand(const char* s, const char* p, const char* class_last);
  const char* start_capture(const char* s, const char* p, std::ptrdiff_t kind);
  const char* end_capture(const char* s, const char* p);
  const char* match_back_reference(const char* s, int digit);
};

// 'p' points at '[', 'last' at the closing ']'.
bool set_matches(ClassTable table, int c, const char* p, const char* last) {
  bool wanted = true;
  if (p[1] == '^') {
    wanted = false;
    ++p;
  }
  while (++p < last) {
    if (*p == escape) {
      ++p;
      if (class_matches(table, c, static_cast<unsigned char>(*p))) return wanted;
    } else if (p[1] == '-' && p + 2 < last) {
      p += 2;
      if (static_cast<unsigned char>(p[-2]) <= c && c <= static_cast<unsigned char>(*p)) return wanted;
    } else if (static_cast<unsigned char>(*p) == c) {
      return wanted;
    }
  }
  return !wanted;
}

int Matcher::checked_capture_index(int digit) {
  const int index = digit - '1';
  if (index < 0 || index >= level || captures[index].length == capture_open)
    return luaL_error(L, "invalid capture index %%%d", index + 1);
  return index;
}

int Matcher::innermost_open_capture() {
  for (int index = level - 1; index >= 0; --index)
    if (captures[index].length == capture_open) return index;
  return luaL_error(L, "invalid pattern capture");
}

// Returns the end of the single-character class starting at 'p'.
const char* Matcher::class_end(const char* p) {
  const char c = *p++;
  if (c == escape) {
    if (p == pattern_end) luaL_error(L, "malformed pattern (ends with '%%')");
    return p + 1;
  }
  if (c == '[') {
    if (*p == '^') ++p;
    do {
      if (p == pattern_end) luaL_error(L, "malformed pattern (missing ']')");
      if (*p++ == escape && p < pattern_end) ++p;  // an escaped char, such as '%]'
    } while (*p != ']');
    return p + 1;
  }
  return p;
}

bool Matcher::single_match(const char* s, const char* p, const char* class_last) const {
  if (s >= subject_end) return false;
  const int c = static_cast<unsigned char>(*s);
  switch (*p) {
    case '.': return true;
    case escape: return class_matches(classes, c, static_cast<unsigned char>(p[1]));
    case '[': return set_matches(classes, c, p, class_last - 1);
    default: return static_cast<unsigned char>(*p) == c;
  }
}

const char* Matcher::match_balance(const char* s, const char* p) {
  if (p >= pattern_end - 1) luaL_error(L, "malformed pattern (missing arguments to '%%b')");
  if (s >= subject_end || *s != *p) return nullptr;
  const char open = p[0];
  const char close = p[1];
  int depth = 1;
  while (++s < subject_end) {
    if (*s == close) {
      if (--depth == 0) return s + 1;
    } else if (*s == open) {
      ++depth;
    }
  }
  return nullptr;
}

// The first position from s on (at most subject_end) whose character matches the
// single-character class [p, class_last) (Matching = false) or does not match it (Matching =
// true). The item is decoded once, then tested in a loop.
template <bool Matching>
const char* Matcher::scan_class(const char* s, const char* p, const char* class_last) const {
  switch (*p) {
    case '.':
      return Matching ? subject_end : s;
    case escape: {
      const ClassTest test = ClassTest::of(static_cast<unsigned char>(p[1]));
      while (s < subject_end && test.matches(classes, static_cast<unsigned char>(*s)) == Matching) ++s;
      return s;
    }
    case '[':
      while (s < subject_end && set_matches(classes, static_cast<unsigned char>(*s), p, class_last - 1) == Matching)
        ++s;
      return s;
    default:
      if (!Matching) {
        const void* hit = std::memchr(s, *p, static_cast<std::size_t>(subject_end - s));
        return hit != nullptr ? static_cast<const char*>(hit) : subject_end;
      }
      while (s < subject_end && *s == *p) ++s;
      return s;
  }
}

// When the pattern from p on must next consume one given literal character (captures opening
// or closing before it consume nothing), returns it; else -1.
int Matcher::next_literal(const char* p) const {
  while (p < pattern_end && (*p == '(' || *p == ')')) ++p;
  if (p >= pattern_end || std::strchr(special_characters, *p) != nullptr) return -1;
  if (p + 1 < pattern_end && (p[1] == '*' || p[1] == '?' || p[1] == '-')) return -1;
  return static_cast<unsigned char>(*p);
}

// Backtracks from the longest run down. Tries that match() would reject at once are skipped:
// with nothing after the repetition the longest run wins, and when a literal must follow only
// runs followed by it are tried. The longest run is always tried, so errors the rest of the
// pattern raises (they depend on the pattern and captures only) still surface; depth_left > 0
// keeps "pattern too complex" exact.
const char* Matcher::max_expand(const char* s, const char* p, const char* class_last) {
  std::ptrdiff_t count = scan_class<true>(s, p, class_last) - s;
  if (p == start_item && skip_runs) lead_run_end = s + count;  // only the first item is here
  const char* rest = class_last + 1;
  if (rest == pattern_end && depth_left > 0) return s + count;
  if (const char* result = match(s + count, rest)) return result;
  const int literal = depth_left > 0 ? next_literal(rest) : -1;
  while (--count >= 0) {
    if (literal >= 0 && static_cast<unsigned char>(s[count]) != literal) continue;
    if (const char* result = match(s + count, rest)) return result;
  }
  return nullptr;
}

const char* Matcher::min_expand(const char* s, const char* p, const char* class_last) {
  for (;;) {
    if (const char* result = match(s, class_last + 1)) return result;
    if (!single_match(s, p, class_last)) return nullptr;
    ++s;
  }
}

const char* Matcher::start_capture(const char* s, const char* p, std::ptrdiff_t kind) {
  if (level >= max_captures) luaL_error(L, "too many captures");
  captures[level].start = s;
  captures[level].length = kind;
  ++level;
  const char* result = match(s, p);
  if (result == nullptr) --level;
  return result;
}

const char* Matcher::end_capture(const char* s, const char* p) {
  const int index = innermost_open_capture();
  captures[index].length = s - captures[index].start;
  const char* result = match(s, p);
  if (result == nullptr) captures[index].length = capture_open;
  return result;
}

const char* Matcher::match_back_reference(const char* s, int digit) {
  const int index = checked_capture_index(digit);
  const auto size = static_cast<std::size_t>(captures[index].length);
  if (static_cast<std::size_t>(subject_end - s) >= size && std::memcmp(captures[index].start, s, size) == 0)
    return s + size;
  return nullptr;
}

// Matches pattern 'p' against the subject from 's'; returns the end of the match or null.
// Tail positions loop instead of recursing, so only real branching consumes depth.
const char* Matcher::match(const char* s, const char* p) {
  if (depth_left-- == 0) luaL_error(L, "pattern too complex");
  luna::vm::interrupt::poll(L, 1);  // backtracking can take exponential time: budget/timeout/cancel
  while (p != pattern_end && s != nullptr) {
    bool plain_class = false;
    switch (*p) {
      case '(':
        s = (p[1] == ')') ? start_capture(s, p + 2, capture_position) : start_capture(s, p + 1, capture_open);
        p = pattern_end;
        continue;
      case ')':
        s = end_capture(s, p + 1);
        p = pattern_end;
        continue;
      case '$':
        if (p + 1 == pattern_end) {
          if (s != subject_end) s = nullptr;
          p = pattern_end;
          continue;
        }
        plain_class = true;
        break;
      case escape:
        if (p[1] == 'b') {
          s = match_balance(s, p + 2);
          p += 4;
          continue;
        }
        if (p[1] == 'f') {
          p += 2;
          if (*p != '[') luaL_error(L, "missing '[' after '%%f' in pattern");
          const char* next = class_end(p);
          const int previous = (s == subject_begin) ? 0 : static_cast<unsigned char>(s[-1]);
          const int current = (s < subject_end) ? static_cast<unsigned char>(*s) : 0;
          if (!set_matches(classes, previous, p, next - 1) && set_matches(classes, current, p, next - 1))
            p = next;
          else
            s = nullptr;
          continue;
        }
        if (std::isdigit(static_cast<unsigned char>(p[1]))) {
          s = match_back_reference(s, static_cast<unsigned char>(p[1]));
          p += 2;
          continue;
        }
        plain_class = true;
        break;
      default:
        plain_class = true;
        break;
    }
    if (!plain_class) continue;
    const char* suffix = class_end(p);
    if (!single_match(s, p, suffix)) {
      if (*suffix == '*' || *suffix == '?' || *suffix == '-') {
        p = suffix + 1;  // zero repetitions are acceptable
      } else {
        s = nullptr;
      }
      continue;
    }
    switch (*suffix) {
      case '?': {
        if (const char* result = match(s + 1, suffix + 1)) {
          s = result;
          p = pattern_end;
        } else {
          p = suffix + 1;
        }
        break;
      }
      case '+':
        s = max_expand(s + 1, p, suffix);
        p = pattern_end;
        break;
      case '*':
        s = max_expand(s, p, suffix);
        p = pattern_end;
        break;
      case '-':
        s = min_expand(s, p, suffix);
        p = pattern_end;
        break;
      default:
        ++s;
        p = suffix;
        break;
    }
  }
  ++depth_left;
  return s;
}

// ---- captures -> Lua values -------------------------------------------------------------------

// Describes capture 'index'; with no captures, index 0 means the whole match [s, e).
// A position capture is pushed at once and reported as capture_position.
std::ptrdiff_t capture_info(Matcher& m, int index, const char* s, const char* e, const char** start) {
  if (index >= m.level) {
    if (index != 0) luaL_error(m.L, "invalid capture index %%%d", index + 1);
    *start = s;
    return e - s;
  }
  const std::ptrdiff_t length = m.captures[index].length;
  *start = m.captures[index].start;
  if (length == capture_open)
    luaL_error(m.L, "unfinished capture");
  else if (length == capture_position)
    lua_pushinteger(m.L, (m.captures[index].start - m.subject_begin) + 1);
  return length;
}

void push_capture(Matcher& m, int index, const char* s, const char* e) {
  const char* start = nullptr;
  const std::ptrdiff_t length = capture_info(m, index, s, e, &start);
  if (length != capture_position) lua_pushlstring(m.L, start, static_cast<std::size_t>(length));
}

// Pushes all captures (or the whole match when there are none and 's' is given).
int push_captures(Matcher& m, const char* s, const char* e) {
  const int count = (m.level == 0 && s != nullptr) ? 1 : m.level;
  luaL_checkstack(m.L, count, "too many captures");
  for (int i = 0; i < count; ++i) push_capture(m, i, s, e);
  return count;
}

// ---- find / match -----------------------------------------------------------------------------

bool has_no_specials(const char* pattern, std::size_t size) {
  // strpbrk stops at '\0', so scan each zero-separated piece.
  std::size_t offset = 0;
  do {
    if (std::strpbrk(pattern + offset, special_characters) != nullptr) return false;
    offset += std::strlen(pattern + offset) + 1;
  } while (offset <= size);
  return true;
}

const char* find_bytes(const char* haystack, std::size_t haystack_size, const char* needle, std::size_t needle_size) {
  if (needle_size == 0) return haystack;
  if (needle_size > haystack_size) return nullptr;
  const char* last_start = haystack + (haystack_size - needle_size);
  for (const char* at = haystack; at <= last_start;) {
    const void* hit = std::memchr(at, needle[0], static_cast<std::size_t>(last_start - at) + 1);
    if (hit == nullptr) return nullptr;
    const char* candidate = static_cast<const char*>(hit);
    if (std::memcmp(candidate + 1, needle + 1, needle_size - 1) == 0) return candidate;
    at = candidate + 1;
  }
  return nullptr;
}

// StartFilter: when the pattern, after any opening captures, begins with a single-character
// class that must match once (no '*', '?' or '-' after it), no match starts at a character outside
// that class. Returns the end of that item, or null when there is no such item. The scan never
// raises: a malformed pattern gets no filter and raises from match() exactly as before.
const char* start_item_end(const char*& p, const char* end) {
  while (p < end && *p == '(') p += (p + 1 < end && p[1] == ')') ? 2 : 1;
  if (p >= end) return nullptr;
  const char* q = p + 1;
  switch (*p) {
    case ')':
    case '$':
      return nullptr;
    case escape:
      if (q >= end || p[1] == 'b' || p[1] == 'f' || std::isdigit(static_cast<unsigned char>(p[1]))) return nullptr;
      ++q;
      break;
    case '[':
      if (q < end && *q == '^') ++q;
      do {  // the same scan as Matcher::class_end
        if (q >= end) return nullptr;
        if (*q++ == escape && q < end) ++q;
      } while (q < end && *q != ']');
      if (q >= end) return nullptr;
      ++q;
      break;
    default:
      break;
  }
  if (q < end && (*q == '*' || *q == '?' || *q == '-')) return nullptr;
  return q;
}

const char* Matcher::next_candidate(const char* s) const {
  return start_item == nullptr ? s : scan_class<false>(s, start_item, start_item_end);
}

// Whether the pattern may contain a back reference (%1-%9; conservative inside sets).
bool has_back_reference(const char* p, const char* end) {
  for (; p < end; ++p) {
    if (*p != escape) continue;
    if (++p < end && std::isdigit(static_cast<unsigned char>(*p))) return true;
  }
  return false;
}

// 'anchored': the caller already removed a leading '^' (only the first position is tried).
void prepare(Matcher& m, lua_State* L, const char* subject, std::size_t subject_size, const char* pattern,
             std::size_t pattern_size, bool anchored) {
  m.L = L;
  m.classes = current_class_table();
  const char* item = pattern;
  m.start_item_end = anchored ? nullptr : start_item_end(item, pattern + pattern_size);
  m.start_item = m.start_item_end != nullptr ? item : nullptr;
  m.skip_runs = m.start_item != nullptr && m.start_item_end < pattern + pattern_size && *m.start_item_end == '+' &&
                !has_back_reference(pattern, pattern + pattern_size);
  m.lead_run_end = nullptr;
  m.depth_left = max_match_depth;
  m.subject_begin = subject;
  m.subject_end = subject + subject_size;
  m.pattern_end = pattern + pattern_size;
  m.level = 0;
}

int find_or_match(lua_State* L, bool is_find) {
  std::size_t subject_size = 0;
  std::size_t pattern_size = 0;
  const char* subject = luaL_checklstring(L, 1, &subject_size);
  const char* pattern = luaL_checklstring(L, 2, &pattern_size);
  const std::size_t init = start_position(luaL_optinteger(L, 3, 1), subject_size) - 1;
  if (init > subject_size) {
    luaL_pushfail(L);
    return 1;
  }
  if (is_find && (lua_toboolean(L, 4) || has_no_specials(pattern, pattern_size))) {
    const char* hit = find_bytes(subject + init, subject_size - init, pattern, pattern_size);
    if (hit != nullptr) {
      lua_pushinteger(L, (hit - subject) + 1);
      lua_pushinteger(L, static_cast<lua_Integer>(hit - subject) + static_cast<lua_Integer>(pattern_size));
      return 2;
    }
    luaL_pushfail(L);
    return 1;
  }
  const bool anchored = (*pattern == '^');
  if (anchored) {
    ++pattern;
    --pattern_size;
  }
  Matcher m;
  prepare(m, L, subject, subject_size, pattern, pattern_size, anchored);
  const char* s = subject + init;
  for (;;) {
    if (m.start_item != nullptr && (s = m.next_candidate(s)) == m.subject_end) break;  // needs a char
    m.reset();
    if (const char* end = m.match(s, pattern)) {
      if (is_find) {
        lua_pushinteger(L, (s - subject) + 1);
        lua_pushinteger(L, end - subject);
        return push_captures(m, nullptr, nullptr) + 2;
      }
      return push_captures(m, s, end);
    }
    if (anchored || s >= m.subject_end) break;
    s = m.next_start(s, nullptr);
  }
  luaL_pushfail(L);
  return 1;
}

// ---- gmatch -----------------------------------------------------------------------------------

struct GmatchState {
  const char* next;        // where the next search starts
  const char* pattern;
  const char* last_match;  // end of the previous match (an empty match may not end there again)
  Matcher matcher;
};

int gmatch_step(lua_State* L) {
  auto* state = static_cast<GmatchState*>(lua_touserdata(L, lua_upvalueindex(3)));
  state->matcher.L = L;
  state->matcher.classes = current_class_table();  // the locale may have changed between steps
  Matcher& m = state->matcher;
  for (const char* s = state->next; s <= m.subject_end;) {
    if (m.start_item != nullptr && (s = m.next_candidate(s)) == m.subject_end) break;  // needs a char
    m.reset();
    const char* end = m.match(s, state->pattern);
    if (end != nullptr && end != state->last_match) {
      state->next = state->last_match = end;
      return push_captures(m, s, end);
    }
    s = m.next_start(s, end);
  }
  return 0;
}

// ---- gsub -------------------------------------------------------------------------------------

// Appends replacement string (argument 3) with its %0-%9 and %% escapes expanded.
void add_template(Matcher& m, luaL_Buffer* buffer, const char* s, const char* e) {
  lua_State* L = m.L;
  std::size_t size = 0;
  const char* text = lua_tolstring(L, 3, &size);
  const char* mark;
  while ((mark = static_cast<const char*>(std::memchr(text, escape, size))) != nullptr) {
    luaL_addlstring(buffer, text, static_cast<std::size_t>(mark - text));
    ++mark;
    if (*mark == escape) {
      luaL_addchar(buffer, escape);
    } else if (*mark == '0') {
      luaL_addlstring(buffer, s, static_cast<std::size_t>(e - s));
    } else if (std::isdigit(static_cast<unsigned char>(*mark))) {
      const char* start = nullptr;
      const std::ptrdiff_t length = capture_info(m, *mark - '1', s, e, &start);
      if (length == capture_position)
        luaL_addvalue(buffer);
      else
        luaL_addlstring(buffer, start, static_cast<std::size_t>(length));
    } else {
      luaL_error(L, "invalid use of '%c' in replacement string", escape);
    }
    size -= static_cast<std::size_t>(mark + 1 - text);
    text = mark + 1;
  }
  luaL_addlstring(buffer, text, size);
}

// Appends the replacement for match [s, e); returns whether the subject changed.
bool add_replacement(Matcher& m, luaL_Buffer* buffer, const char* s, const char* e, int replacement_type) {
  lua_State* L = m.L;
  if (replacement_type == LUA_TFUNCTION) {
    lua_pushvalue(L, 3);
    const int count = push_captures(m, s, e);
    lua_call(L, count, 1);
  } else if (replacement_type == LUA_TTABLE) {
    push_capture(m, 0, s, e);
    lua_gettable(L, 3);
  } else {
    add_template(m, buffer, s, e);
    return true;
  }
  if (!lua_toboolean(L, -1)) {  // nil or false keeps the original text
    lua_pop(L, 1);
    luaL_addlstring(buffer, s, static_cast<std::size_t>(e - s));
    return false;
  }
  if (!lua_isstring(L, -1)) return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  luaL_addvalue(buffer);
  return true;
}

}  // namespace

int find(lua_State* L) { return find_or_match(L, true); }
int match(lua_State* L) { return find_or_match(L, false); }

int gmatch(lua_State* L) {
  std::size_t subject_size = 0;
  std::size_t pattern_size = 0;
  const char* subject = luaL_checklstring(L, 1, &subject_size);
  const char* pattern = luaL_checklstring(L, 2, &pattern_size);
  std::size_t init = start_position(luaL_optinteger(L, 3, 1), subject_size) - 1;
  lua_settop(L, 2);  // the closure keeps both strings alive
  auto* state = static_cast<GmatchState*>(lua_newuserdatauv(L, sizeof(GmatchState), 0));
  if (init > subject_size) init = subject_size + 1;  // past the end: never matches
  prepare(state->matcher, L, subject, subject_size, pattern, pattern_size, false);
  state->next = subject + init;
  state->pattern = pattern;
  state->last_match = nullptr;
  lua_pushcclosure(L, gmatch_step, 3);
  return 1;
}

int gsub(lua_State* L) {
  std::size_t subject_size = 0;
  std::size_t pattern_size = 0;
  const char* s = luaL_checklstring(L, 1, &subject_size);
  const char* pattern = luaL_checklstring(L, 2, &pattern_size);
  const char* last_match = nullptr;
  const int replacement_type = lua_type(L, 3);
  const lua_Integer max_replacements = luaL_optinteger(L, 4, static_cast<lua_Integer>(subject_size) + 1);
  luaL_argexpected(L,
                   replacement_type == LUA_TNUMBER || replacement_type == LUA_TSTRING ||
                       replacement_type == LUA_TFUNCTION || replacement_type == LUA_TTABLE,
                   3, "string/function/table");
  const bool anchored = (*pattern == '^');
  if (anchored) {
    ++pattern;
    --pattern_size;
  }
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  Matcher m;
  prepare(m, L, s, subject_size, pattern, pattern_size, anchored);
  lua_Integer replacements = 0;
  bool changed = false;
  while (replacements < max_replacements) {
    if (m.start_item != nullptr) {  // copy the run where no match can start in one go
      const char* candidate = m.next_candidate(s);
      luaL_addlstring(&buffer, s, static_cast<std::size_t>(candidate - s));
      s = candidate;
      if (s == m.subject_end) break;
    }
    m.reset();
    const char* end = m.match(s, pattern);
    if (end != nullptr && end != last_match) {
      ++replacements;
      changed = add_replacement(m, &buffer, s, end, replacement_type) || changed;
      s = last_match = end;
    } else if (s < m.subject_end) {
      const char* next = m.next_start(s, end);
      luaL_addlstring(&buffer, s, static_cast<std::size_t>(next - s));
      s = next;
    } else {
      break;
    }
    if (anchored) break;
  }
  if (!changed) {
    lua_pushvalue(L, 1);
  } else {
    luaL_addlstring(&buffer, s, static_cast<std::size_t>(m.subject_end - s));
    luaL_pushresult(&buffer);
  }
  lua_pushinteger(L, replacements);
  return 2;
}

}  // namespace luna::stdlib::string_lib
