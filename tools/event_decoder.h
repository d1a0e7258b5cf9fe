#ifndef KEYLEDGER_TOOLS_EVENT_DECODER_H_
#define KEYLEDGER_TOOLS_EVENT_DECODER_H_

// Decodes stored events for `keyledger replay`, parsing each payload once
// for both of its uses: the domain event (what eventstore::DecodeEvent
// returns) and the printed fields (PayloadJson prints the parsed message).
// DecodeEvent parses into a new message per call; a replay of millions of
// events then parsed every payload twice.

#include <google/protobuf/message.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/error.h"
#include "domain/events.h"

namespace keyledger::tools {

class EventDecoder {
 public:
  EventDecoder();
  ~EventDecoder();

  // The event stored as (`type`, `payload`), as DecodeEvent returns it.
  [[nodiscard]] domain::Result<domain::Event> Decode(const std::string& type,
                                                     std::string_view payload);
  // The payload last decoded, parsed; null if it was of a type DecodeEvent
  // upcasts (an older version), which PayloadJson then parses itself. Valid
  // until the next Decode.
  const google::protobuf::Message* message() const { return message_; }

 private:
  struct Type;
  const Type* TypeNamed(const std::string& type);

  // The current types ("keyledger.v1.<Name>"), made once.
  std::unordered_map<std::string, std::unique_ptr<Type>> types_;
  // The type of the previous event, checked before a lookup.
  std::string last_type_name_;
  const Type* last_type_ = nullptr;
  const google::protobuf::Message* message_ = nullptr;
};

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_EVENT_DECODER_H_
