#include "domain/decide.h"

#include "domain/authorize.h"
#include "domain/decisions.h"

namespace keyledger::domain {

Result<std::vector<Event>> Decide(const State& state, const Command& command,
                                  const Context& context) {
  if (Result<void> allowed = Authorize(RequiredPermission(command), context);
      !allowed) {
    return allowed.error();
  }
  return std::visit(
      [&](const auto& c) { return DecideCommand(state, c, context); }, command);
}

}  // namespace keyledger::domain
