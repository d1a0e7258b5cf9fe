#include "projections/bootstrap.h"

#include "domain/secret_hash.h"
#include "projections/random_secret.h"

namespace keyledger::projections {
namespace {

CommandMeta SystemMeta() {
  CommandMeta meta;
  meta.actor = {domain::ActorKind::kSystem, 0, "system"};
  meta.request_id = "bootstrap";
  return meta;
}

}  // namespace

domain::Result<BootstrapResult> Bootstrap(Ledger& ledger,
                                          const std::string& admin_login,
                                          const std::string& admin_password) {
  BootstrapResult result;
  const bool has_org = ledger.Read([](const domain::State& s) { return !s.orgs.empty(); });
  if (!has_org) {
    auto created = ledger.Execute(domain::CreateOrg{"Main Org."}, SystemMeta());
    if (!created) return created.error();
  }
  const bool has_admin = ledger.Read([&](const domain::State& s) {
    return s.user_by_login.contains(admin_login);
  });
  if (has_admin) return result;
  std::string password = admin_password;
  if (password.empty()) {
    password = RandomAlnum(20);
    result.generated_admin_password = password;
  }
  domain::CreateUser user;
  user.login = admin_login;
  user.name = admin_login;
  user.password_salt = RandomAlnum(10);
  user.password = domain::HashPassword(password, user.password_salt);
  user.is_server_admin = true;
  auto created = ledger.Execute(domain::Command{user}, SystemMeta());
  if (!created) return created.error();
  // As Grafana: the first server admin is an Admin of the main org (the
  // oldest one). Only when the admin is created, so that an operator's later
  // change of its membership stands.
  const int64_t main_org = ledger.Read(
      [](const domain::State& s) { return s.orgs.begin()->first; });
  auto member = ledger.Execute(
      domain::Command{domain::AddOrgUser{main_org, admin_login, "Admin"}},
      SystemMeta());
  if (!member) return member.error();
  return result;
}

}  // namespace keyledger::projections
