#include "eventstore/log_rows.h"

#include "eventstore/key_encoding.h"

namespace keyledger::eventstore {

std::string EncodeIdempotencyRow(const IdempotencyRow& row) {
  std::string out;
  PutBigEndian64(out, row.first_position);
  PutBigEndian64(out, row.last_position);
  PutBigEndian64(out, row.stream_version);
  out += row.fingerprint;
  return out;
}

std::optional<IdempotencyRow> DecodeIdempotencyRow(std::string_view value) {
  if (value.size() < 3 * kU64Size) return std::nullopt;
  IdempotencyRow row;
  row.first_position = DecodeBigEndian64(value.substr(0));
  row.last_position = DecodeBigEndian64(value.substr(kU64Size));
  row.stream_version = DecodeBigEndian64(value.substr(2 * kU64Size));
  row.fingerprint = std::string(value.substr(3 * kU64Size));
  return row;
}

std::string EncodeHeadRow(const HeadRow& row) {
  std::string out;
  PutBigEndian64(out, row.last_position);
  out += row.hash;
  return out;
}

std::optional<HeadRow> DecodeHeadRow(std::string_view value) {
  if (value.size() < kU64Size) return std::nullopt;
  return HeadRow{DecodeBigEndian64(value), std::string(value.substr(kU64Size))};
}

}  // namespace keyledger::eventstore
