#include "eventstore/event_codec.h"

#include <map>
#include <mutex>
#include <type_traits>

#include "absl/container/flat_hash_map.h"
#include "domain/string_hash.h"
#include "eventstore/event_proto_mapping.h"

namespace keyledger::eventstore {
namespace {

using domain::Error;
using domain::ErrorCode;
using domain::Event;
using domain::Result;

constexpr std::string_view kTypePrefix = "keyledger.v1.";

struct UpcasterRegistry {
  std::mutex mutex;
  std::map<std::string, Upcaster, std::less<>> upcasters;
};

UpcasterRegistry& Registry() {
  static UpcasterRegistry registry;
  return registry;
}

// Parses `payload` as the Protobuf message of domain event type T (see
// DecodeEvent for `parsed`).
template <typename T>
Result<Event> ParseAs(std::string_view payload,
                      const google::protobuf::Message** parsed) {
  thread_local typename ProtoOf<T>::type message;
  if (!message.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return Error{ErrorCode::kInternal, "event payload does not parse"};
  }
  if (parsed != nullptr) *parsed = &message;
  return Event{FromProto(message)};
}

using Parser = Result<Event> (*)(std::string_view,
                                 const google::protobuf::Message**);

// By stored type name. Hashed: every decoded event looks its type up, and
// the names share their first 13 characters, which an ordered map compares
// at every step of a lookup.
using ParserMap =
    absl::flat_hash_map<std::string, Parser, domain::StringHash, std::equal_to<>>;

template <size_t... I>
ParserMap MakeParsers(std::index_sequence<I...>) {
  ParserMap parsers;
  (parsers.emplace(std::string(kTypePrefix) +
                       std::string(domain::EventName(
                           Event{std::in_place_index<I>})),
                   &ParseAs<std::variant_alternative_t<I, Event>>),
   ...);
  return parsers;
}

const ParserMap& Parsers() {
  static const auto parsers =
      MakeParsers(std::make_index_sequence<std::variant_size_v<Event>>{});
  return parsers;
}

}  // namespace

NewEvent EncodeEvent(const Event& event) {
  NewEvent out;
  out.type = domain::EventTypeName(event);
  std::visit([&](const auto& e) { out.payload = ToProto(e).SerializeAsString(); },
             event);
  return out;
}

Result<Event> DecodeEvent(std::string_view type, std::string_view payload,
                          const google::protobuf::Message** parsed) {
  if (parsed != nullptr) *parsed = nullptr;
  // The stored bytes are viewed, not copied; an upcast event's bytes are
  // held in `upcast`.
  std::string_view current_type = type;
  std::string_view current_payload = payload;
  NewEvent upcast;
  for (int hops = 0; hops < 16; ++hops) {
    if (auto it = Parsers().find(current_type); it != Parsers().end()) {
      return it->second(current_payload, hops == 0 ? parsed : nullptr);
    }
    Upcaster upcaster;
    {
      std::lock_guard lock(Registry().mutex);
      auto it = Registry().upcasters.find(current_type);
      if (it == Registry().upcasters.end()) break;
      upcaster = it->second;
    }
    NewEvent next = upcaster(current_payload);  // reads `upcast` last here
    upcast = std::move(next);
    current_type = upcast.type;
    current_payload = upcast.payload;
  }
  return Error{ErrorCode::kInternal,
               "unknown event type " + std::string(current_type)};
}

void RegisterUpcaster(std::string old_type, Upcaster upcaster) {
  std::lock_guard lock(Registry().mutex);
  Registry().upcasters[std::move(old_type)] = std::move(upcaster);
}

}  // namespace keyledger::eventstore
