// Chunk ids as Lua 5.4 prints them in messages (see base/chunkid.h).
#include "base/chunkid.h"

namespace luna::base {

namespace {

// The reference works on C strings, so anything after an embedded NUL never shows.
std::string_view up_to_nul(std::string_view text) {
  std::size_t nul = text.find('\0');
  return nul == std::string_view::npos ? text : text.substr(0, nul);
}

constexpr std::string_view ellipsis = "...";

}  // namespace

std::string chunk_id(std::string_view source) {
  std::string out;
  if (!source.empty() && source.front() == '=') {
    std::string_view name = source.substr(1);
    if (name.size() >= id_size) name = name.substr(0, id_size - 1);  // plain truncation
    out.assign(up_to_nul(name));
  } else if (!source.empty() && source.front() == '@') {
    std::string_view name = source.substr(1);
    if (name.size() >= id_size) {
      // Keep the tail of a long file name: it is the part that identifies the file.
      std::size_t keep = id_size - ellipsis.size() - 1;
      out.assign(ellipsis);
      out.append(up_to_nul(name.substr(name.size() - keep)));
    } else {
      out.assign(up_to_nul(name));
    }
  } else {
    constexpr std::string_view prefix = "[string \"";
    constexpr std::string_view suffix = "\"]";
    const std::size_t room = id_size - (prefix.size() + ellipsis.size() + suffix.size()) - 1;
    std::string_view text = up_to_nul(source);
    std::size_t newline = text.find('\n');
    out.assign(prefix);
    if (text.size() < room && newline == std::string_view::npos) {
      out.append(text);
    } else {
      if (newline != std::string_view::npos) text = text.substr(0, newline);
      if (text.size() > room) text = text.substr(0, room);
      out.append(text);
      out.append(ellipsis);
    }
    out.append(suffix);
  }
  return out;
}

}  // namespace luna::base
