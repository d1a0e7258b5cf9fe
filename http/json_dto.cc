#include "http/json_dto.h"

#include "domain/time_text.h"

#include <boost/json/array.hpp>

#include <ctime>

namespace keyledger::http {
namespace {

constexpr int64_t kSevenDays = 7 * 24 * 3600;

}  // namespace

std::string Rfc3339(int64_t unix_seconds) {
  return domain::FormatTimeSeconds(unix_seconds);
}

boost::json::object ApiKeyDto(const domain::KeyRecord& key) {
  boost::json::object dto;
  dto["id"] = key.id;
  dto["name"] = key.name;
  dto["role"] = domain::RoleName(key.role);
  if (key.expires) dto["expiration"] = Rfc3339(*key.expires);
  if (key.last_used) dto["lastUsedAt"] = Rfc3339(*key.last_used);
  return dto;
}

boost::json::object TokenDto(const domain::KeyRecord& key, int64_t now) {
  boost::json::object dto;
  dto["id"] = key.id;
  dto["name"] = key.name;
  dto["created"] = Rfc3339(key.created);
  if (key.last_used) dto["lastUsedAt"] = Rfc3339(*key.last_used);
  if (key.expires) dto["expiration"] = Rfc3339(*key.expires);
  const bool expired = key.expires && *key.expires < now;
  double seconds_left = 0;
  if (key.expires && !expired && *key.expires - now <= kSevenDays) {
    seconds_left = static_cast<double>(*key.expires - now);
  }
  dto["secondsUntilExpiration"] = seconds_left;
  dto["hasExpired"] = expired;
  dto["isRevoked"] = key.revoked;
  return dto;
}

boost::json::object ServiceAccountDto(const domain::ServiceAccountRecord& sa) {
  boost::json::object dto;
  dto["id"] = sa.id;
  dto["name"] = sa.name;
  dto["login"] = sa.login;
  dto["orgId"] = sa.org_id;
  dto["isDisabled"] = sa.disabled;
  dto["isExternal"] = false;
  dto["role"] = domain::RoleName(sa.role);
  dto["tokens"] = sa.token_count;
  dto["avatarUrl"] = "";
  return dto;
}

boost::json::object ServiceAccountProfileDto(
    const domain::ServiceAccountRecord& sa) {
  boost::json::object dto = ServiceAccountDto(sa);
  dto["createdAt"] = Rfc3339(sa.created);
  dto["updatedAt"] = Rfc3339(sa.updated);
  dto["teams"] = boost::json::array();
  return dto;
}

boost::json::object NewApiKeyResultDto(int64_t id, std::string_view name,
                                       std::string_view key) {
  boost::json::object dto;
  dto["id"] = id;
  dto["name"] = name;
  dto["key"] = key;
  return dto;
}

boost::json::object MigrationResultDto(
    const domain::ApiKeysMigrationCompleted& result) {
  boost::json::object dto;
  dto["total"] = result.total;
  dto["migrated"] = result.migrated;
  dto["failed"] = result.failed;
  boost::json::array ids;
  for (int64_t id : result.failed_key_ids) ids.emplace_back(id);
  dto["failedApikeyIDs"] = std::move(ids);
  boost::json::array details;
  for (const std::string& d : result.failed_details) details.emplace_back(d);
  dto["failedDetails"] = std::move(details);
  return dto;
}

}  // namespace keyledger::http
