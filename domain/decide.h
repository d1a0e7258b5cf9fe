#ifndef KEYLEDGER_DOMAIN_DECIDE_H_
#define KEYLEDGER_DOMAIN_DECIDE_H_

#include <vector>

#include "domain/commands.h"
#include "domain/context.h"
#include "domain/error.h"
#include "domain/events.h"
#include "domain/state.h"

namespace keyledger::domain {

// Decides a command against the current state: the events to append (in
// order; all belong to one stream) or why not. Checks authorization first
// (see authorize.h), then validation, then the rules. Pure: the same inputs
// always give the same answer. An empty event list means "nothing to do"
// (e.g. a RecordKeyUse within 5 minutes of the last one).
[[nodiscard]] Result<std::vector<Event>> Decide(const State& state,
                                                const Command& command,
                                                const Context& context);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_DECIDE_H_
