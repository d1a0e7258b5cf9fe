#include "domain/events.h"

#include <array>
#include <type_traits>

namespace keyledger::domain {
namespace {

// In the order of the Event variant's alternatives.
constexpr std::array<std::string_view, std::variant_size_v<Event>> kNames = {
    "OrgCreated",
    "UserCreated",
    "OrgUserAdded",
    "OrgUserRoleChanged",
    "OrgUserRemoved",
    "ApiKeyCreated",
    "ApiKeyDeleted",
    "ServiceAccountCreated",
    "ServiceAccountUpdated",
    "ServiceAccountDeleted",
    "TokenCreated",
    "TokenDeleted",
    "TokenRevoked",
    "ApiKeyMigrated",
    "ApiKeysMigrationCompleted",
    "ApiKeysHidden",
    "TokenReverted",
    "KeyUsed",
};

bool IsIdentityEvent(const Event& event) {
  return std::holds_alternative<OrgCreated>(event) ||
         std::holds_alternative<UserCreated>(event) ||
         std::holds_alternative<OrgUserAdded>(event) ||
         std::holds_alternative<OrgUserRoleChanged>(event) ||
         std::holds_alternative<OrgUserRemoved>(event);
}

}  // namespace

std::string_view EventName(const Event& event) { return kNames[event.index()]; }

std::string EventTypeName(const Event& event) {
  return "keyledger.v1." + std::string(EventName(event));
}

std::string StreamOf(const Event& event) {
  if (IsIdentityEvent(event)) return "identity";
  return "org-" + std::to_string(OrgOf(event));
}

int64_t OrgOf(const Event& event) {
  return std::visit(
      [](const auto& e) -> int64_t {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, OrgCreated> ||
                      std::is_same_v<T, UserCreated>) {
          return 0;
        } else {
          return e.org_id;
        }
      },
      event);
}

}  // namespace keyledger::domain
