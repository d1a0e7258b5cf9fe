#ifndef KEYLEDGER_PROJECTIONS_VIEW_SET_H_
#define KEYLEDGER_PROJECTIONS_VIEW_SET_H_

#include <optional>
#include <string_view>
#include <vector>

namespace keyledger::projections {

enum class View { kKeys = 1, kServiceAccounts = 2, kIdentity = 4, kAudit = 8 };

// A set of views, as a bit mask.
class ViewSet {
 public:
  constexpr ViewSet() = default;
  static constexpr ViewSet All() { return ViewSet(15); }
  static constexpr ViewSet Of(View view) { return ViewSet(static_cast<int>(view)); }
  // The three views whose rows hold the domain State.
  static constexpr ViewSet StateViews() { return ViewSet(7); }
  constexpr bool Has(View view) const { return bits_ & static_cast<int>(view); }
  constexpr bool Empty() const { return bits_ == 0; }
  constexpr ViewSet With(View view) const { return ViewSet(bits_ | static_cast<int>(view)); }

 private:
  constexpr explicit ViewSet(int bits) : bits_(bits) {}
  int bits_ = 0;
};

inline constexpr View kAllViews[] = {View::kKeys, View::kServiceAccounts,
                                     View::kIdentity, View::kAudit};

std::string_view ViewName(View view);  // "keys", "service-accounts", ...
std::optional<View> ParseView(std::string_view name);
// The column families that hold a view's rows.
std::vector<std::string_view> ViewColumnFamilies(View view);

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_VIEW_SET_H_
