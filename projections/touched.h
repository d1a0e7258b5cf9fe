#ifndef KEYLEDGER_PROJECTIONS_TOUCHED_H_
#define KEYLEDGER_PROJECTIONS_TOUCHED_H_

#include <cstdint>
#include <vector>

#include "domain/events.h"

namespace keyledger::projections {

// The records an event may create, change or remove. Their rows are
// rewritten from the State after the event is applied.
struct Touched {
  std::vector<int64_t> keys;
  std::vector<int64_t> service_accounts;
  std::vector<int64_t> orgs;
  std::vector<int64_t> users;
};

Touched TouchedBy(const domain::Event& event);

}  // namespace keyledger::projections

#endif  // KEYLEDGER_PROJECTIONS_TOUCHED_H_
