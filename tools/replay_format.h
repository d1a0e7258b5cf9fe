#ifndef KEYLEDGER_TOOLS_REPLAY_FORMAT_H_
#define KEYLEDGER_TOOLS_REPLAY_FORMAT_H_

// How `keyledger replay` prints events and states. Nothing printed ever
// holds a secret; stored hashes are left out too.

#include <cstdint>
#include <string>

#include "domain/audit_target.h"
#include "domain/events.h"
#include "domain/state.h"
#include "eventstore/recorded_event.h"

namespace keyledger::tools {

enum class OutputFormat { kText, kJson };

// One line (no newline) for one event; `target` as seen before the event.
std::string FormatEvent(const eventstore::RecordedEvent& recorded,
                        const domain::Event& event,
                        const domain::AuditTarget& target, OutputFormat format);

// One line per key and token of `state`, with whether it could
// authenticate at `at` (Unix seconds) and why not.
std::string FormatStateAt(const domain::State& state, int64_t at,
                          OutputFormat format);

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_REPLAY_FORMAT_H_
