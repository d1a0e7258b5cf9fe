#include "tools/event_decoder.h"

#include <utility>
#include <variant>

#include "eventstore/event_codec.h"
#include "eventstore/event_proto_mapping.h"

namespace keyledger::tools {

// One current event type: a message reused for every payload of the type,
// and how the domain event is made from it (as DecodeEvent makes it).
struct EventDecoder::Type {
  std::unique_ptr<google::protobuf::Message> message;
  domain::Event (*to_event)(const google::protobuf::Message&);
};

namespace {

template <typename T>
domain::Event ToEvent(const google::protobuf::Message& message) {
  using Proto = typename eventstore::ProtoOf<T>::type;
  return domain::Event{eventstore::FromProto(static_cast<const Proto&>(message))};
}

}  // namespace

EventDecoder::EventDecoder() {
  // Every alternative of domain::Event under its stored type name.
  [this]<size_t... I>(std::index_sequence<I...>) {
    (
        [this] {
          using T = std::variant_alternative_t<I, domain::Event>;
          auto type = std::make_unique<Type>();
          type->message = std::make_unique<typename eventstore::ProtoOf<T>::type>();
          type->to_event = &ToEvent<T>;
          types_.emplace(domain::EventTypeName(domain::Event{std::in_place_index<I>}),
                         std::move(type));
        }(),
        ...);
  }(std::make_index_sequence<std::variant_size_v<domain::Event>>{});
}

EventDecoder::~EventDecoder() = default;

const EventDecoder::Type* EventDecoder::TypeNamed(const std::string& type) {
  if (last_type_ == nullptr || type != last_type_name_) {
    const auto it = types_.find(type);
    if (it == types_.end()) return nullptr;
    last_type_ = it->second.get();
    last_type_name_ = type;
  }
  return last_type_;
}

domain::Result<domain::Event> EventDecoder::Decode(const std::string& type,
                                                   std::string_view payload) {
  message_ = nullptr;
  const Type* known = TypeNamed(type);
  // Older versions go through DecodeEvent's upcasters.
  if (known == nullptr) return eventstore::DecodeEvent(type, payload);
  if (!known->message->ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    // DecodeEvent's error for a payload that does not parse.
    return domain::Error{domain::ErrorCode::kInternal, "event payload does not parse"};
  }
  message_ = known->message.get();
  return known->to_event(*message_);
}

}  // namespace keyledger::tools
