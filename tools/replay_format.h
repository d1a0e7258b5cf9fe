#ifndef KEYLEDGER_TOOLS_REPLAY_FORMAT_H_
#define KEYLEDGER_TOOLS_REPLAY_FORMAT_H_

// How `keyledger replay` prints events and states. Nothing printed ever
// holds a secret; stored hashes are left out too.

#include <cstdint>
#include <optional>
#include <string>

#include "domain/audit_target.h"
#include "domain/events.h"
#include "domain/state.h"
#include "envelope.pb.h"
#include "tools/payload_json.h"

namespace keyledger::tools {

enum class OutputFormat { kText, kJson };

// Prints events, one line each. Reuses what it parsed for earlier events
// (payload messages, the time text), so a replay of millions of events
// allocates little per event; one printer per thread.
class EventPrinter {
 public:
  explicit EventPrinter(OutputFormat format);

  // Appends one line for the event stored as `envelope`, and a newline;
  // `target` as seen before the event. `payload`: the event's payload already parsed, or null to
  // parse it from `envelope`.
  void Append(std::string& out, const store::v1::Envelope& envelope,
              const domain::Event& event, const domain::AuditTarget& target,
              const google::protobuf::Message* payload = nullptr);

 private:
  void AppendText(std::string& out, const store::v1::Envelope& envelope,
                  const domain::Event& event, const domain::AuditTarget& target);
  void AppendJson(std::string& out, const store::v1::Envelope& envelope,
                  const domain::Event& event, const domain::AuditTarget& target);
  void AppendFields(std::string& out, const store::v1::Envelope& envelope);
  const std::string& TimeText(int64_t unix_ms);

  OutputFormat format_;
  PayloadJson payload_json_;
  const google::protobuf::Message* payload_ = nullptr;  // of the line being appended
  std::optional<int64_t> time_ms_;  // the time `time_text_` is the text of
  std::string time_text_;
};

// One line per key and token of `state`, with whether it could
// authenticate at `at` (Unix seconds) and why not.
std::string FormatStateAt(const domain::State& state, int64_t at,
                          OutputFormat format);

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_REPLAY_FORMAT_H_
