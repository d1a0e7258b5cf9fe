#include "domain/role.h"

namespace keyledger::domain {

std::optional<Role> ParseRole(std::string_view text) {
  if (text == "None") return Role::kNone;
  if (text == "Viewer") return Role::kViewer;
  if (text == "Editor") return Role::kEditor;
  if (text == "Admin") return Role::kAdmin;
  return std::nullopt;
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kNone:
      return "None";
    case Role::kViewer:
      return "Viewer";
    case Role::kEditor:
      return "Editor";
    case Role::kAdmin:
      return "Admin";
  }
  return "None";
}

}  // namespace keyledger::domain
