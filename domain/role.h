#ifndef KEYLEDGER_DOMAIN_ROLE_H_
#define KEYLEDGER_DOMAIN_ROLE_H_

#include <optional>
#include <string_view>

namespace keyledger::domain {

// Org roles, ordered: Admin > Editor > Viewer > None.
enum class Role { kNone = 0, kViewer = 1, kEditor = 2, kAdmin = 3 };

// Parses Grafana's exact spelling ("None", "Viewer", "Editor", "Admin").
std::optional<Role> ParseRole(std::string_view text);
std::string_view RoleName(Role role);
// True when `have` grants at least what `want` grants.
inline bool RoleIncludes(Role have, Role want) {
  return static_cast<int>(have) >= static_cast<int>(want);
}

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_ROLE_H_
