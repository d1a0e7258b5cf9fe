#ifndef KEYLEDGER_DOMAIN_SORT_HEAD_H_
#define KEYLEDGER_DOMAIN_SORT_HEAD_H_

// The first 32 bytes of a byte string, zero padded, as four big-endian
// words: heads order as their bytes do. Sorting a million records by keys
// that live in the records (which do not fit in the cache) goes faster with
// a copy of each key's head beside the record's address: it decides almost
// every comparison without reading the record. 32 bytes, because keys and
// names often share their first word or two.

#include <boost/endian/conversion.hpp>

#include <algorithm>
#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace keyledger::domain {

struct SortHead {
  static constexpr size_t kWords = 4;
  std::array<uint64_t, kWords> words{};

  static SortHead Of(std::string_view bytes) {
    unsigned char padded[8 * kWords] = {};
    std::memcpy(padded, bytes.data(), std::min(bytes.size(), sizeof padded));
    SortHead head;
    for (size_t i = 0; i < kWords; ++i) {
      head.words[i] = boost::endian::load_big_u64(padded + 8 * i);
    }
    return head;
  }
  friend auto operator<=>(const SortHead&, const SortHead&) = default;
};

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_SORT_HEAD_H_
