#ifndef KEYLEDGER_EVENTSTORE_KEY_ENCODING_H_
#define KEYLEDGER_EVENTSTORE_KEY_ENCODING_H_

// Big-endian fixed-width integers, so that RocksDB's bytewise key order is
// numeric order. The key grammar that uses them is in column_families.h.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace keyledger::eventstore {

inline constexpr size_t kU64Size = 8;

// Appends `value` as 8 big-endian bytes to `out`.
inline void PutBigEndian64(std::string& out, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

// REQUIRES: `in.size() >= 8`. Decodes the first 8 bytes of `in`.
inline uint64_t DecodeBigEndian64(std::string_view in) {
  uint64_t value = 0;
  for (size_t i = 0; i < kU64Size; ++i) {
    value = (value << 8) | static_cast<unsigned char>(in[i]);
  }
  return value;
}

// "events" key of a global position.
inline std::string PositionKey(uint64_t position) {
  std::string key;
  PutBigEndian64(key, position);
  return key;
}

// The position in an "events" key, or nullopt if the key is malformed.
inline std::optional<uint64_t> DecodePositionKey(std::string_view key) {
  if (key.size() != kU64Size) return std::nullopt;
  return DecodeBigEndian64(key);
}

// "streams" key: stream id, 0x00, big-endian version. Stream ids never
// contain 0x00, so every key of one stream shares the prefix `stream + 0x00`.
inline std::string StreamIndexKey(std::string_view stream, uint64_t version) {
  std::string key(stream);
  key.push_back('\0');
  PutBigEndian64(key, version);
  return key;
}

// Exclusive upper bound of all "streams" keys of `stream`.
inline std::string StreamIndexUpperBound(std::string_view stream) {
  std::string key(stream);
  key.push_back('\x01');
  return key;
}

// Splits a "streams" key into stream id (a view into the key) and version;
// nullopt if malformed.
struct StreamIndexEntry {
  std::string_view stream;
  uint64_t version = 0;
};
inline std::optional<StreamIndexEntry> DecodeStreamIndexKey(
    std::string_view key) {
  if (key.size() < kU64Size + 1 || key[key.size() - kU64Size - 1] != '\0') {
    return std::nullopt;
  }
  std::string_view stream = key.substr(0, key.size() - kU64Size - 1);
  return StreamIndexEntry{stream,
                          DecodeBigEndian64(key.substr(key.size() - kU64Size))};
}

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_KEY_ENCODING_H_
