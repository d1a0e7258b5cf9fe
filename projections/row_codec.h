#ifndef KEYLEDGER_PROJECTIONS_ROW_CODEC_H_
#define KEYLEDGER_PROJECTIONS_ROW_CODEC_H_

// Translation between domain records and their view rows (views.proto).
// Serialization is deterministic, so equal records give equal bytes: a
// rebuilt view can be compared byte for byte with the live one.

#include <optional>
#include <string>
#include <string_view>

#include "domain/state.h"

namespace keyledger::projections {

std::string SerializeKey(const domain::KeyRecord& record);
std::string SerializeServiceAccount(const domain::ServiceAccountRecord& record);
std::string SerializeOrg(const domain::OrgRecord& record);
std::string SerializeUser(const domain::UserRecord& record);
std::string SerializeCounters(const domain::State& state);

// Each returns nullopt when the bytes do not parse.
std::optional<domain::KeyRecord> ParseKey(std::string_view bytes);
std::optional<domain::ServiceAccountRecord> ParseServiceAccount(
    std::string_view bytes);
std::optional<domain::OrgRecord> ParseOrg(std::string_view bytes);
std::optional<domain::UserRecord> ParseUser(std::string_view bytes);
// Sets the three id counters of `state`.
bool ParseCounters(std::string_view bytes, domain::State& state);

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_ROW_CODEC_H_
