#include "domain/actor.h"

namespace keyledger::domain {

std::string_view ActorKindName(ActorKind kind) {
  switch (kind) {
    case ActorKind::kSystem:
      return "system";
    case ActorKind::kServerAdmin:
      return "server-admin";
    case ActorKind::kUser:
      return "user";
    case ActorKind::kApiKey:
      return "api-key";
    case ActorKind::kServiceAccount:
      return "service-account";
  }
  return "system";
}

}  // namespace keyledger::domain
