#ifndef KEYLEDGER_EVENTSTORE_EVENT_CODEC_H_
#define KEYLEDGER_EVENTSTORE_EVENT_CODEC_H_

// The one translation between domain events (plain C++) and their stored
// Protobuf form (eventstore/proto/events.proto).

#include <functional>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "domain/events.h"
#include "eventstore/recorded_event.h"

namespace google::protobuf {
class Message;
}  // namespace google::protobuf

namespace keyledger::eventstore {

// Serializes an event under its versioned type name.
NewEvent EncodeEvent(const domain::Event& event);

// Parses a stored event, upcasting older versions first. Fails with
// kInternal on an unknown type or a payload that does not parse.
//
// Payloads are parsed into a message kept per thread and type, which keeps
// its buffers from one event to the next (a replay decodes millions). With
// `parsed`, that message is handed out too, valid until the thread's next
// decode of that type; null for an upcast event (its payload is of an older
// type).
[[nodiscard]] domain::Result<domain::Event> DecodeEvent(
    std::string_view type, std::string_view payload,
    const google::protobuf::Message** parsed = nullptr);

// Turns an older stored version into a newer one (type and payload). Register
// one per retired type name, e.g. "keyledger.v0.ApiKeyCreated"; upcasters
// chain until a current type is reached.
using Upcaster = std::function<NewEvent(std::string_view payload)>;
void RegisterUpcaster(std::string old_type, Upcaster upcaster);

}  // namespace keyledger::eventstore

#endif  // KEYLEDGER_EVENTSTORE_EVENT_CODEC_H_
