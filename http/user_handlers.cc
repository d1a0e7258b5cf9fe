// POST /api/admin/users and GET /api/user (contract in org_user_handlers.h).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "domain/authorize.h"
#include "domain/secret_hash.h"
#include "http/command_runner.h"
#include "http/error_status.h"
#include "http/json_dto.h"
#include "http/org_user_handlers.h"
#include "http/request_context.h"
#include "projections/random_secret.h"

namespace keyledger::http {
namespace {

constexpr std::string_view kBadRequest = "bad request data";
constexpr size_t kSaltLength = 10;  // as Grafana's user salts

domain::Result<std::string> Field(const boost::json::object& body,
                                  std::string_view field) {
  auto value = OptionalString(body, field, kBadRequest);
  if (!value) return value.error();
  return value->value_or("");
}

// The command for the form, with the password hashed under a fresh salt.
domain::Result<domain::CreateUser> CreateUserCommand(
    const boost::json::object& body) {
  auto name = Field(body, "name");
  if (!name) return name.error();
  auto email = Field(body, "email");
  if (!email) return email.error();
  auto login = Field(body, "login");
  if (!login) return login.error();
  auto password = Field(body, "password");
  if (!password) return password.error();
  if (password->empty()) {
    return domain::MakeError(
        domain::ErrorCode::kInvalidArgument,
        std::string(kBadRequest) + ": password is required");
  }
  domain::CreateUser command;
  command.login = std::move(*login);
  command.email = std::move(*email);
  command.name = std::move(*name);
  command.password_salt = projections::RandomAlnum(kSaltLength);
  command.password = domain::HashPassword(*password, command.password_salt);
  return command;
}

Response CreateUser(const ApiDeps& deps, const Request& request) {
  // Authorized before hashing, so that a caller without the right cannot
  // make the server spend a PBKDF2 per request (Decide checks again).
  auto principal =
      AuthorizedFor(deps, request, domain::Permission::kUsersWrite);
  if (!principal) return ErrorToResponse(principal.error());
  auto body = ParseJsonObject(request, kBadRequest);
  if (!body) return ErrorToResponse(body.error());
  auto command = CreateUserCommand(*body);
  if (!command) return ErrorToResponse(command.error());
  return RunCommand(
      deps, *principal, request, *command,
      [](const projections::Outcome& outcome) {
        const auto* created = FirstEvent<domain::UserCreated>(outcome);
        if (created == nullptr)
          return ErrorResponse(500, "Failed to create user");
        return JsonResponse(200,
                            boost::json::object{{"id", created->user_id},
                                                {"message", "User created"}});
      },
      [](const projections::Outcome& outcome) {
        const auto* created = FirstEvent<domain::UserCreated>(outcome);
        if (created == nullptr)
          return ErrorResponse(500, "Failed to create user");
        return AlreadyCreated("User", created->login, created->user_id);
      });
}

boost::json::object UserProfileDto(const domain::UserRecord& user,
                                   int64_t org_id) {
  return boost::json::object{{"id", user.id},
                             {"email", user.email},
                             {"name", user.name},
                             {"login", user.login},
                             {"theme", ""},
                             {"orgId", org_id},
                             {"isGrafanaAdmin", user.is_server_admin},
                             {"isDisabled", false},
                             {"isExternal", false},
                             {"isExternallySynced", false},
                             {"isGrafanaAdminExternallySynced", false},
                             {"authLabels", boost::json::array()},
                             {"updatedAt", Rfc3339(user.created)},
                             {"createdAt", Rfc3339(user.created)},
                             {"avatarUrl", ""}};
}

Response SignedInUser(const ApiDeps& deps, const Request& request) {
  auto principal = Authenticated(deps, request);
  if (!principal) return ErrorToResponse(principal.error());
  const domain::ActorKind kind = principal->actor.kind;
  if (principal->key || (kind != domain::ActorKind::kUser &&
                         kind != domain::ActorKind::kServerAdmin)) {
    return ErrorResponse(404, "User not found");
  }
  return deps.ledger.Read([&](const domain::State& state) {
    auto user = state.users.find(principal->actor.id);
    if (user == state.users.end()) return ErrorResponse(404, "User not found");
    return JsonResponse(200, UserProfileDto(user->second, principal->org_id));
  });
}

}  // namespace

void AddUserRoutes(Router& router, const ApiDeps& deps) {
  router.Add("POST", "/api/admin/users",
             [&deps](const Request& r, const PathParams&) {
               return CreateUser(deps, r);
             });
  router.Add("GET", "/api/user", [&deps](const Request& r, const PathParams&) {
    return SignedInUser(deps, r);
  });
}

}  // namespace keyledger::http
