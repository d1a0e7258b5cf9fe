#ifndef KEYLEDGER_DOMAIN_STRING_HASH_H_
#define KEYLEDGER_DOMAIN_STRING_HASH_H_

#include <functional>
#include <string_view>

namespace keyledger::domain {

// Hashes a std::string and a std::string_view of it alike, so that lookups
// in hash maps keyed by strings take views (with std::equal_to<>). Abseil's
// own string hash takes absl::string_view, which Debian's Abseil does not
// make the same type as std::string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_STRING_HASH_H_
