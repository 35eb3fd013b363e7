// Binary chunk writer (format: runtime/chunk_format.h). One encoder template serves both sources
// (heap Protos for lua_dump, blueprints for lunac); the sink decides where bytes go. The writer
// sink buffers into a fixed array inside a trivially destructible struct, because a lua_Writer may
// raise (string.dump's writer grows a luaL_Buffer).
#include "runtime/dump.h"

#include <cstring>

#include "runtime/chunk_format.h"

namespace luna::runtime {

namespace {

struct WriterSink {
  lua_State* L;
  lua_Writer writer;
  void* data;
  int status = 0;
  std::size_t used = 0;
  char buffer[512];

  void flush() {
    if (used > 0 && status == 0) status = writer(L, buffer, used, data);
    used = 0;
  }
  void put(const void* p, std::size_t n) {
    if (status != 0) return;
    if (used + n > sizeof buffer) {
      flush();
      if (n > sizeof buffer) {  // big pieces (long strings, code) go straight to the writer
        if (status == 0) status = writer(L, p, n, data);
        return;
      }
    }
    std::memcpy(buffer + used, p, n);
    used += n;
  }
};

struct StringSink {
  std::string out;
  void put(const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); }
};

template <class Sink>
struct Encoder {
  Sink& sink;

  void byte(std::uint8_t b) { sink.put(&b, 1); }
  void uint(std::uint64_t x) {
    std::uint8_t bytes[10];
    int n = 0;
    do {
      std::uint8_t b = x & 0x7F;
      x >>= 7;
      if (x != 0) b |= 0x80;
      bytes[n++] = b;
    } while (x != 0);
    sink.put(bytes, static_cast<std::size_t>(n));
  }
  void sint(std::int64_t x) {
    uint((static_cast<std::uint64_t>(x) << 1) ^ static_cast<std::uint64_t>(x >> 63));
  }
  void u32(std::uint32_t x) {
    std::uint8_t b[4] = {static_cast<std::uint8_t>(x), static_cast<std::uint8_t>(x >> 8),
                         static_cast<std::uint8_t>(x >> 16), static_cast<std::uint8_t>(x >> 24)};
    sink.put(b, 4);
  }
  void u64(std::uint64_t x) {
    std::uint8_t b[8];
    for (int i = 0; i < 8; i++) b[i] = static_cast<std::uint8_t>(x >> (8 * i));
    sink.put(b, 8);
  }
  void string(const char* s, std::size_t n) {
    uint(n);
    if (n > 0) sink.put(s, n);
  }
  void optional_string(const char* s, std::size_t n, bool present) {
    if (!present) {
      uint(0);
      return;
    }
    uint(n + 1);
    if (n > 0) sink.put(s, n);
  }

  void header(int main_upvalues) {
    sink.put(chunk::signature.data(), chunk::signature.size());
    byte(chunk::version);
    byte(chunk::format);
    sink.put(chunk::check_data.data(), chunk::check_data.size());
    byte(chunk::instruction_size);
    byte(chunk::integer_size);
    byte(chunk::number_size);
    std::int64_t i = chunk::check_integer;
    double n = chunk::check_number;
    sink.put(&i, sizeof i);  // native order: this is what the 5.4 header checks
    sink.put(&n, sizeof n);
    byte(static_cast<std::uint8_t>(main_upvalues));
  }

  void float_bits(double d) {
    std::uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    u64(bits);
  }

  // ---- heap Protos -------------------------------------------------------------------------
  void constant(const Value& k) {
    if (k.is_integer()) {
      byte(static_cast<std::uint8_t>(chunk::ConstantTag::integer));
      u64(static_cast<std::uint64_t>(k.as_int()));
    } else if (k.is_float()) {
      byte(static_cast<std::uint8_t>(chunk::ConstantTag::float_));
      float_bits(k.as_float());
    } else if (k.is_string()) {
      byte(static_cast<std::uint8_t>(chunk::ConstantTag::string));
      const String* s = as_string(k);
      string(s->chars(), s->length());
    } else if (k.is_true()) {
      byte(static_cast<std::uint8_t>(chunk::ConstantTag::true_));
    } else if (k.is_false()) {
      byte(static_cast<std::uint8_t>(chunk::ConstantTag::false_));
    } else {
      byte(static_cast<std::uint8_t>(chunk::ConstantTag::nil));
    }
  }

  void function(const Proto& p, const String* parent_source, bool strip) {
    bool has_source = !strip && p.source != nullptr && p.source != parent_source;
    if (has_source)
      optional_string(p.source->chars(), p.source->length(), true);
    else
      optional_string(nullptr, 0, false);
    uint(static_cast<std::uint64_t>(p.line_defined));
    uint(static_cast<std::uint64_t>(p.last_line_defined));
    byte(p.num_params);
    byte(p.is_vararg);
    byte(p.max_stack_size);
    uint(static_cast<std::uint64_t>(p.size_code));
    for (int i = 0; i < p.size_code; i++) u32(p.code[i]);
    uint(static_cast<std::uint64_t>(p.size_k));
    for (int i = 0; i < p.size_k; i++) constant(p.k[i]);
    uint(static_cast<std::uint64_t>(p.size_upvalues));
    for (int i = 0; i < p.size_upvalues; i++) {
      byte(p.upvalues[i].in_stack);
      byte(p.upvalues[i].index);
      byte(p.upvalues[i].kind);
    }
    uint(static_cast<std::uint64_t>(p.size_p));
    for (int i = 0; i < p.size_p; i++) function(*p.p[i], p.source, strip);
    int lines = strip || p.line_info == nullptr ? 0 : p.size_line_info;
    uint(static_cast<std::uint64_t>(lines));
    std::int64_t previous = p.line_defined;
    for (int i = 0; i < lines; i++) {
      sint(static_cast<std::int64_t>(p.line_info[i]) - previous);
      previous = p.line_info[i];
    }
    int locals = strip ? 0 : p.size_loc_vars;
    uint(static_cast<std::uint64_t>(locals));
    for (int i = 0; i < locals; i++) {
      const LocVar& v = p.loc_vars[i];
      if (v.name != nullptr)
        string(v.name->chars(), v.name->length());
      else
        string("", 0);
      uint(static_cast<std::uint64_t>(v.start_pc));
      uint(static_cast<std::uint64_t>(v.end_pc));
    }
    int names = strip ? 0 : p.size_upvalues;
    uint(static_cast<std::uint64_t>(names));
    for (int i = 0; i < names; i++) {
      const String* s = p.upvalues[i].name;
      if (s != nullptr)
        string(s->chars(), s->length());
      else
        string("", 0);
    }
  }

  // ---- blueprints --------------------------------------------------------------------------
  void constant(const bytecode::Constant& k) {
    if (const auto* i = std::get_if<std::int64_t>(&k)) {
      byte(static_cast<std::uint8_t>(chunk::ConstantTag::integer));
      u64(static_cast<std::uint64_t>(*i));
    } else if (const auto* d = std::get_if<double>(&k)) {
      byte(static_cast<std::uint8_t>(chunk::ConstantTag::float_));
      float_bits(*d);
    } else if (const auto* s = std::get_if<std::string>(&k)) {
      byte(static_cast<std::uint8_t>(chunk::ConstantTag::string));
      string(s->data(), s->size());
    } else if (const auto* b = std::get_if<bool>(&k)) {
      byte(static_cast<std::uint8_t>(*b ? chunk::ConstantTag::true_ : chunk::ConstantTag::false_));
    } else {
      byte(static_cast<std::uint8_t>(chunk::ConstantTag::nil));
    }
  }

  void function(const bytecode::Blueprint& bp, const std::string* parent_source, bool strip) {
    bool has_source = !strip && (parent_source == nullptr || bp.source != *parent_source);
    optional_string(bp.source.data(), bp.source.size(), has_source);
    uint(static_cast<std::uint64_t>(bp.line_defined));
    uint(static_cast<std::uint64_t>(bp.last_line_defined));
    byte(bp.num_params);
    byte(bp.is_vararg ? 1 : 0);
    byte(bp.max_stack_size);
    uint(bp.code.size());
    for (bytecode::Instruction i : bp.code) u32(i);
    uint(bp.constants.size());
    for (const auto& k : bp.constants) constant(k);
    uint(bp.upvalues.size());
    for (const auto& u : bp.upvalues) {
      byte(u.in_stack ? 1 : 0);
      byte(u.index);
      byte(static_cast<std::uint8_t>(u.kind));
    }
    uint(bp.children.size());
    for (const auto& child : bp.children) function(*child, &bp.source, strip);
    std::size_t lines = strip ? 0 : bp.line_info.size();
    uint(lines);
    std::int64_t previous = bp.line_defined;
    for (std::size_t i = 0; i < lines; i++) {
      sint(static_cast<std::int64_t>(bp.line_info[i]) - previous);
      previous = bp.line_info[i];
    }
    std::size_t locals = strip ? 0 : bp.locals.size();
    uint(locals);
    for (std::size_t i = 0; i < locals; i++) {
      string(bp.locals[i].name.data(), bp.locals[i].name.size());
      uint(static_cast<std::uint64_t>(bp.locals[i].start_pc));
      uint(static_cast<std::uint64_t>(bp.locals[i].end_pc));
    }
    std::size_t names = strip ? 0 : bp.upvalues.size();
    uint(names);
    for (std::size_t i = 0; i < names; i++)
      string(bp.upvalues[i].name.data(), bp.upvalues[i].name.size());
  }
};

}  // namespace

int dump_proto(lua_State* L, const Proto* p, lua_Writer writer, void* data, bool strip) {
  WriterSink sink{L, writer, data, 0, 0, {}};
  Encoder<WriterSink> encoder{sink};
  encoder.header(p->size_upvalues);
  encoder.function(*p, nullptr, strip);
  sink.flush();
  return sink.status;
}

std::string dump_blueprint(const bytecode::Blueprint& bp, bool strip) {
  StringSink sink;
  Encoder<StringSink> encoder{sink};
  encoder.header(static_cast<int>(bp.upvalues.size()));
  encoder.function(bp, nullptr, strip);
  return std::move(sink.out);
}

}  // namespace luna::runtime
