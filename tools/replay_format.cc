#include "tools/replay_format.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <boost/json.hpp>
#include <memory>

#include "domain/authenticate.h"
#include "domain/time_text.h"

namespace keyledger::tools {
namespace {

namespace json = boost::json;
namespace pb = google::protobuf;

// The event's fields as JSON, from its Protobuf payload, without hashes.
json::value EventFields(const eventstore::RecordedEvent& recorded) {
  const pb::Descriptor* descriptor =
      pb::DescriptorPool::generated_pool()->FindMessageTypeByName(recorded.type);
  if (descriptor == nullptr) return json::object{};
  const pb::Message* prototype =
      pb::MessageFactory::generated_factory()->GetPrototype(descriptor);
  if (prototype == nullptr) return json::object{};
  std::unique_ptr<pb::Message> message(prototype->New());
  if (!message->ParseFromString(recorded.payload)) return json::object{};
  for (const char* secret_like : {"hash", "password", "password_salt"}) {
    if (const auto* field = descriptor->FindFieldByName(secret_like)) {
      message->GetReflection()->ClearField(message.get(), field);
    }
  }
  std::string text;
  pb::util::JsonPrintOptions options;
  options.preserve_proto_field_names = false;
  if (!pb::util::MessageToJsonString(*message, &text, options).ok()) {
    return json::object{};
  }
  return json::parse(text);
}

std::string ActorText(const eventstore::EventMetadata& m) {
  return m.actor_kind + ":" + std::to_string(m.actor_id) + "(" + m.actor_login + ")";
}

}  // namespace

std::string FormatEvent(const eventstore::RecordedEvent& recorded,
                        const domain::Event& event,
                        const domain::AuditTarget& target, OutputFormat format) {
  const json::value fields = EventFields(recorded);
  if (format == OutputFormat::kJson) {
    json::object line{
        {"position", recorded.position},
        {"time", domain::FormatTimeMs(recorded.recorded_at_ms)},
        {"stream", recorded.stream},
        {"version", recorded.stream_version},
        {"orgId", domain::OrgOf(event)},
        {"actor", {{"kind", recorded.metadata.actor_kind},
                   {"id", recorded.metadata.actor_id},
                   {"login", recorded.metadata.actor_login}}},
        {"action", domain::EventName(event)},
        {"target", {{"kind", target.kind}, {"id", target.id}, {"name", target.name}}},
        {"requestId", recorded.metadata.request_id},
        {"clientAddress", recorded.metadata.client_address},
        {"fields", fields}};
    return json::serialize(line);
  }
  return domain::FormatTimeMs(recorded.recorded_at_ms) + " #" +
         std::to_string(recorded.position) + " org=" +
         std::to_string(domain::OrgOf(event)) + " " + ActorText(recorded.metadata) +
         " " + std::string(domain::EventName(event)) + " " + target.kind + ":" +
         std::to_string(target.id) + " " + json::serialize(json::value(target.name)) +
         " " + json::serialize(fields);
}

std::string FormatStateAt(const domain::State& state, int64_t at,
                          OutputFormat format) {
  std::map<int64_t, const domain::KeyRecord*> ordered;
  for (const auto& [id, key] : state.keys) ordered[id] = &key;
  std::string out;
  for (const auto& [id, key] : ordered) {
    auto check = domain::CheckKey(state, id, std::nullopt, at);
    const std::string verdict = check ? "can authenticate" : check.error().message;
    const std::string kind = key->service_account_id ? "token" : "api-key";
    json::object row{{"id", id},
                     {"kind", kind},
                     {"orgId", key->org_id},
                     {"name", key->name},
                     {"role", domain::RoleName(key->role)},
                     {"expires", key->expires ? json::value(domain::FormatTimeMs(*key->expires * 1000))
                                              : json::value(nullptr)},
                     {"serviceAccountId", key->service_account_id
                                              ? json::value(*key->service_account_id)
                                              : json::value(nullptr)},
                     {"revoked", key->revoked},
                     {"canAuthenticate", check.has_value()},
                     {"reason", verdict}};
    if (format == OutputFormat::kJson) {
      out += json::serialize(row) + "\n";
    } else {
      out += kind + ":" + std::to_string(id) + " org=" + std::to_string(key->org_id) +
             " " + json::serialize(json::value(key->name)) + " role=" +
             std::string(domain::RoleName(key->role)) + " -> " + verdict + "\n";
    }
  }
  return out;
}

}  // namespace keyledger::tools
