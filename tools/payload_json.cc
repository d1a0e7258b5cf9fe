#include "tools/payload_json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <boost/json.hpp>

#include "tools/wire_json.h"

namespace keyledger::tools {
namespace {

namespace pb = google::protobuf;

// Protobuf's own printer, through which all payloads were once printed;
// now only those that WireJson does not print.
void AppendWithProtobufPrinter(std::string& out, const pb::Message& message) {
  std::unique_ptr<pb::Message> cleared(message.New());
  cleared->CopyFrom(message);
  for (std::string_view secret_like : kSecretLikeFields) {
    if (const auto* field =
            message.GetDescriptor()->FindFieldByName(std::string(secret_like))) {
      cleared->GetReflection()->ClearField(cleared.get(), field);
    }
  }
  std::string text;
  pb::util::JsonPrintOptions options;
  options.preserve_proto_field_names = false;
  if (!pb::util::MessageToJsonString(*cleared, &text, options).ok()) {
    out += "{}";
    return;
  }
  out += boost::json::serialize(boost::json::parse(text));
}

}  // namespace

// How payloads of one type are printed.
struct PayloadJson::Type {
  std::unique_ptr<pb::Message> message;  // to parse payloads given unparsed
  std::unique_ptr<WireJson> wire;        // null: Protobuf's printer prints them
};

PayloadJson::PayloadJson() = default;

PayloadJson::~PayloadJson() = default;

void PayloadJson::Append(std::string& out, const std::string& type_name,
                         std::string_view payload) {
  auto named = by_name_.find(type_name);
  if (named == by_name_.end()) {
    const pb::Descriptor* descriptor =
        pb::DescriptorPool::generated_pool()->FindMessageTypeByName(type_name);
    named = by_name_.emplace(type_name, descriptor ? &TypeOf(*descriptor) : nullptr).first;
  }
  Type* type = named->second;
  if (type == nullptr ||
      !type->message->ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    out += "{}";
    return;
  }
  Print(out, *type, *type->message, payload);
}

void PayloadJson::AppendParsed(std::string& out, const pb::Message& message,
                               std::string_view payload) {
  Print(out, TypeOf(*message.GetDescriptor()), message, payload);
}

// From the wire bytes where they are as Protobuf serializes (always, for
// payloads keyledger wrote); otherwise by Protobuf's printer, from the
// message they parsed to.
void PayloadJson::Print(std::string& out, const Type& type, const pb::Message& message,
                        std::string_view payload) {
  const size_t start = out.size();
  if (type.wire && type.wire->Append(out, payload)) return;
  out.resize(start);
  AppendWithProtobufPrinter(out, message);
}

PayloadJson::Type& PayloadJson::TypeOf(const pb::Descriptor& descriptor) {
  std::unique_ptr<Type>& type = types_[&descriptor];
  if (!type) {
    type = std::make_unique<Type>();
    type->message.reset(
        pb::MessageFactory::generated_factory()->GetPrototype(&descriptor)->New());
    type->wire = WireJson::For(descriptor);
  }
  return *type;
}

}  // namespace keyledger::tools
