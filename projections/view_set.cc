#include "projections/view_set.h"

#include "eventstore/column_families.h"
#include "projections/view_keys.h"

namespace keyledger::projections {

namespace cf = eventstore::cf;

std::string_view ViewName(View view) {
  switch (view) {
    case View::kKeys:
      return kKeysView;
    case View::kServiceAccounts:
      return kServiceAccountsView;
    case View::kIdentity:
      return kIdentityView;
    case View::kAudit:
      return kAuditView;
  }
  return kKeysView;
}

std::optional<View> ParseView(std::string_view name) {
  for (View view : kAllViews) {
    if (ViewName(view) == name) return view;
  }
  return std::nullopt;
}

std::vector<std::string_view> ViewColumnFamilies(View view) {
  switch (view) {
    case View::kKeys:
      return {cf::kViewKeys};
    case View::kServiceAccounts:
      return {cf::kViewServiceAccounts};
    case View::kIdentity:
      return {cf::kViewIdentity};
    case View::kAudit:
      return {cf::kViewAudit, cf::kViewAuditByOrg};
  }
  return {};
}

}  // namespace keyledger::projections
