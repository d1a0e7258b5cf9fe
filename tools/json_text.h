#ifndef KEYLEDGER_TOOLS_JSON_TEXT_H_
#define KEYLEDGER_TOOLS_JSON_TEXT_H_

// JSON text appended straight to a string, for output written in bulk
// (`keyledger replay`), without building JSON values first. The text is
// exactly what boost::json::serialize writes for the same values: the
// replay's formats were first printed through it, and must not change.

#include <charconv>
#include <string>
#include <string_view>

namespace keyledger::tools {

template <typename Integer>
void AppendNumber(std::string& out, Integer value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

// `text` as a JSON string: quotes, backslashes and control characters
// escaped, everything else (UTF-8 included) as it is.
inline void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t plain = 0;  // start of the characters not yet appended
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0x0f]);
    }
  }
  out.append(text, plain);
  out.push_back('"');
}

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_JSON_TEXT_H_
