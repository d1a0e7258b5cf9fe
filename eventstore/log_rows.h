#ifndef KEYLEDGER_EVENTSTORE_LOG_ROWS_H_
#define KEYLEDGER_EVENTSTORE_LOG_ROWS_H_

// Values of the "idempotency" and "meta" families (grammar in
// column_families.h).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace keyledger::eventstore {

// What an idempotency key produced: positions first..last of the log.
struct IdempotencyRow {
  uint64_t first_position = 0;
  uint64_t last_position = 0;
  uint64_t stream_version = 0;  // the stream's version after that append
  std::string fingerprint;
};
std::string EncodeIdempotencyRow(const IdempotencyRow& row);
std::optional<IdempotencyRow> DecodeIdempotencyRow(std::string_view value);

// The last committed event and its hash.
struct HeadRow {
  uint64_t last_position = 0;
  std::string hash;  // 32 raw bytes
};
std::string EncodeHeadRow(const HeadRow& row);
std::optional<HeadRow> DecodeHeadRow(std::string_view value);

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_LOG_ROWS_H_
