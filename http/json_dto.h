#ifndef KEYLEDGER_HTTP_JSON_DTO_H_
#define KEYLEDGER_HTTP_JSON_DTO_H_

// Records as Grafana's DTOs (reference §1.3, grafana-openapi-subset.json).
// Times are RFC 3339 UTC ("2022-03-23T10:31:02Z"). Optional times that are
// absent are omitted (Grafana's schema types them as strings, not null).
// No DTO ever carries a hash or a secret, except NewApiKeyResultDto.

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/events.h"
#include "domain/state.h"

namespace keyledger::http {

std::string Rfc3339(int64_t unix_seconds);

// ApiKeyDTO: id, name, role, expiration?, lastUsedAt?.
boost::json::object ApiKeyDto(const domain::KeyRecord& key);
// TokenDTO: id, name, created, lastUsedAt?, expiration?,
// secondsUntilExpiration (seconds left when unexpired and within 7 days,
// else 0), hasExpired (expires < now), isRevoked.
boost::json::object TokenDto(const domain::KeyRecord& key, int64_t now);
// ServiceAccountDTO: id, name, login, orgId, isDisabled, isExternal, role,
// tokens, avatarUrl.
boost::json::object ServiceAccountDto(const domain::ServiceAccountRecord& sa);
// ServiceAccountProfileDTO: the DTO's fields plus createdAt, updatedAt,
// teams ([]).
boost::json::object ServiceAccountProfileDto(
    const domain::ServiceAccountRecord& sa);
// NewApiKeyResult: {"id", "name", "key"}; `key` is the plaintext secret.
boost::json::object NewApiKeyResultDto(int64_t id, std::string_view name,
                                       std::string_view key);
// MigrationResult: total, migrated, failed, failedApikeyIDs, failedDetails.
boost::json::object MigrationResultDto(
    const domain::ApiKeysMigrationCompleted& result);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_JSON_DTO_H_
