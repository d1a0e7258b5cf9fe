#include "tools/replay_format.h"

#include <boost/json.hpp>
#include <map>

#include "domain/authenticate.h"
#include "domain/time_text.h"
#include "tools/json_text.h"

namespace keyledger::tools {
namespace {

namespace json = boost::json;

}  // namespace

EventPrinter::EventPrinter(OutputFormat format) : format_(format) {}

void EventPrinter::Append(std::string& out,
                          const store::v1::Envelope& envelope,
                          const domain::Event& event,
                          const domain::AuditTarget& target,
                          const google::protobuf::Message* payload) {
  payload_ = payload;
  if (format_ == OutputFormat::kJson) {
    AppendJson(out, envelope, event, target);
  } else {
    AppendText(out, envelope, event, target);
  }
  out += '\n';
}

void EventPrinter::AppendText(std::string& out,
                              const store::v1::Envelope& envelope,
                              const domain::Event& event,
                              const domain::AuditTarget& target) {
  const store::v1::Actor& actor = envelope.actor();
  out += TimeText(envelope.recorded_at_unix_ms());
  out += " #";
  AppendNumber(out, envelope.position());
  out += " org=";
  AppendNumber(out, domain::OrgOf(event));
  out += ' ';
  out += actor.kind();
  out += ':';
  AppendNumber(out, actor.id());
  out += '(';
  out += actor.login();
  out += ") ";
  out += domain::EventName(event);
  out += ' ';
  out += target.kind;
  out += ':';
  AppendNumber(out, target.id);
  out += ' ';
  AppendJsonString(out, target.name);
  out += ' ';
  AppendFields(out, envelope);
}

void EventPrinter::AppendJson(std::string& out,
                              const store::v1::Envelope& envelope,
                              const domain::Event& event,
                              const domain::AuditTarget& target) {
  const store::v1::Actor& actor = envelope.actor();
  out += "{\"position\":";
  AppendNumber(out, envelope.position());
  out += ",\"time\":";
  AppendJsonString(out, TimeText(envelope.recorded_at_unix_ms()));
  out += ",\"stream\":";
  AppendJsonString(out, envelope.stream_id());
  out += ",\"version\":";
  AppendNumber(out, envelope.stream_version());
  out += ",\"orgId\":";
  AppendNumber(out, domain::OrgOf(event));
  out += ",\"actor\":{\"kind\":";
  AppendJsonString(out, actor.kind());
  out += ",\"id\":";
  AppendNumber(out, actor.id());
  out += ",\"login\":";
  AppendJsonString(out, actor.login());
  out += "},\"action\":";
  AppendJsonString(out, domain::EventName(event));
  out += ",\"target\":{\"kind\":";
  AppendJsonString(out, target.kind);
  out += ",\"id\":";
  AppendNumber(out, target.id);
  out += ",\"name\":";
  AppendJsonString(out, target.name);
  out += "},\"requestId\":";
  AppendJsonString(out, envelope.request_id());
  out += ",\"clientAddress\":";
  AppendJsonString(out, envelope.client_address());
  out += ",\"fields\":";
  AppendFields(out, envelope);
  out += '}';
}

void EventPrinter::AppendFields(std::string& out,
                                const store::v1::Envelope& envelope) {
  if (payload_) {
    payload_json_.AppendParsed(out, *payload_, envelope.payload());
  } else {
    payload_json_.Append(out, envelope.type(), envelope.payload());
  }
}

// The events of a log come in time order, many in the same millisecond.
const std::string& EventPrinter::TimeText(int64_t unix_ms) {
  if (time_ms_ != unix_ms) {
    time_text_ = domain::FormatTimeMs(unix_ms);
    time_ms_ = unix_ms;
  }
  return time_text_;
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
