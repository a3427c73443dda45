#include "codec/canonical_json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>
#include <vector>

namespace ckpt::codec {
namespace {

namespace json = boost::json;

void write(std::string& out, const json::value& value);

void write_string(std::string& out, std::string_view text) {
  constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out += kHex[byte >> 4U];
          out += kHex[byte & 0x0FU];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

template <typename Integer>
void write_integer(std::string& out, Integer value) {
  std::array<char, 24> text{};
  const auto end = std::to_chars(text.data(), text.data() + text.size(), value).ptr;
  out.append(text.data(), end);
}

// ECMAScript's Number::toString for a finite double.
void write_double(std::string& out, double value) {
  if (value == 0) {
    out += '0';
    return;
  }
  if (value < 0) {
    out += '-';
    value = -value;
  }
  // The shortest round-trip digits as "d.ddde±x".
  std::array<char, 32> text{};
  const auto end = std::to_chars(text.data(), text.data() + text.size(), value, std::chars_format::scientific).ptr;
  const std::string_view scientific{text.data(), static_cast<std::size_t>(end - text.data())};
  const auto e = scientific.find('e');
  std::string digits{scientific.substr(0, e)};
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  int exponent = 0;
  const std::string_view exponent_text = scientific.substr(e + 1);
  std::from_chars(exponent_text.data() + (exponent_text.front() == '+' ? 1 : 0),
                  exponent_text.data() + exponent_text.size(), exponent);
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // value = 0.digits × 10^n
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits.front();
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += n - 1 < 0 ? "e-" : "e+";
    write_integer(out, n - 1 < 0 ? 1 - n : n - 1);
  }
}

void write_object(std::string& out, const json::object& object) {
  std::vector<const json::key_value_pair*> members;
  members.reserve(object.size());
  for (const auto& member : object) members.push_back(&member);
  std::sort(members.begin(), members.end(),
            [](const auto* a, const auto* b) { return std::string_view{a->key()} < std::string_view{b->key()}; });
  out += '{';
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i > 0) out += ',';
    write_string(out, members[i]->key());
    out += ':';
    write(out, members[i]->value());
  }
  out += '}';
}

void write_array(std::string& out, const json::array& array) {
  out += '[';
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (i > 0) out += ',';
    write(out, array[i]);
  }
  out += ']';
}

void write(std::string& out, const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      out += "null";
      break;
    case json::kind::bool_:
      out += value.get_bool() ? "true" : "false";
      break;
    case json::kind::int64:
      write_integer(out, value.get_int64());
      break;
    case json::kind::uint64:
      write_integer(out, value.get_uint64());
      break;
    case json::kind::double_:
      write_double(out, value.get_double());
      break;
    case json::kind::string:
      write_string(out, value.get_string());
      break;
    case json::kind::array:
      write_array(out, value.get_array());
      break;
    case json::kind::object:
      write_object(out, value.get_object());
      break;
  }
}

}  // namespace

std::string canonical_json(const json::value& value) {
  std::string out;
  write(out, value);
  return out;
}

}  // namespace ckpt::codec
