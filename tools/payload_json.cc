#include "tools/payload_json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <boost/json.hpp>
#include <vector>

#include "tools/json_text.h"

namespace keyledger::tools {
namespace {

namespace pb = google::protobuf;

struct MessagePlan;

// How a field is printed. What is read of its descriptor for every value
// is copied here once.
struct FieldPlan {
  const pb::FieldDescriptor* field;
  std::string key;                       // JSON key, quoted, with the colon
  bool secret_like;                      // left out of a payload's top level
  pb::FieldDescriptor::CppType cpp_type;
  bool repeated;
  bool implicit;  // singular without presence: zero or "" is not serialized
  const MessagePlan* message = nullptr;  // for a message field
};

// How a message type is printed: its fields in number order, the order
// Protobuf serializes them in, which its JSON printer follows. Holds the
// type's reflection: looking it up per message costs a std::call_once.
struct MessagePlan {
  const pb::Reflection* reflection = nullptr;
  std::vector<FieldPlan> fields;
};

// The plans of a payload type and of the message types in it.
using MessagePlans = std::unordered_map<const pb::Descriptor*, MessagePlan>;

bool IsSecretLike(const pb::FieldDescriptor& field) {
  const std::string& name = field.name();
  return name == "hash" || name == "password" || name == "password_salt";
}

// Adds the plans of `type` and of the message types in it; false if a field
// is of a kind AppendValue does not print as Protobuf's printer would
// (bytes, floating point, maps, groups, extensions, well-known types).
bool AddPlan(const pb::Descriptor& type, MessagePlans& plans) {
  if (plans.contains(&type)) return true;
  if (type.extension_range_count() > 0 ||
      type.file()->package() == "google.protobuf") {
    return false;
  }
  MessagePlan& plan = plans[&type];
  plan.reflection =
      pb::MessageFactory::generated_factory()->GetPrototype(&type)->GetReflection();
  for (int i = 0; i < type.field_count(); ++i) {
    const pb::FieldDescriptor* field = type.field(i);
    std::string key;
    AppendJsonString(key, field->json_name());
    plan.fields.push_back({field, key + ":", IsSecretLike(*field),
                           field->cpp_type(), field->is_repeated(),
                           !field->is_repeated() && !field->has_presence()});
  }
  std::sort(plan.fields.begin(), plan.fields.end(),
            [](const auto& a, const auto& b) {
              return a.field->number() < b.field->number();
            });
  for (FieldPlan& f : plan.fields) {
    switch (f.cpp_type) {
      case pb::FieldDescriptor::CPPTYPE_INT32:
      case pb::FieldDescriptor::CPPTYPE_UINT32:
      case pb::FieldDescriptor::CPPTYPE_INT64:
      case pb::FieldDescriptor::CPPTYPE_UINT64:
      case pb::FieldDescriptor::CPPTYPE_BOOL:
      case pb::FieldDescriptor::CPPTYPE_ENUM:
        break;
      case pb::FieldDescriptor::CPPTYPE_STRING:
        if (f.field->type() == pb::FieldDescriptor::TYPE_BYTES) return false;
        break;
      case pb::FieldDescriptor::CPPTYPE_MESSAGE:
        if (f.field->type() == pb::FieldDescriptor::TYPE_GROUP ||
            f.field->is_map() || !AddPlan(*f.field->message_type(), plans)) {
          return false;
        }
        f.message = &plans.at(f.field->message_type());
        break;
      default:
        return false;
    }
  }
  return true;
}

// Appends an integer (a JSON string if `quoted`: 64-bit integers are);
// false, appending nothing, if it is an `implicit` zero (see AppendValue).
template <typename Integer>
bool AppendInteger(std::string& out, Integer value, bool implicit, bool quoted) {
  if (implicit && value == 0) return false;
  if (quoted) out.push_back('"');
  AppendNumber(out, value);
  if (quoted) out.push_back('"');
  return true;
}

void AppendMessage(std::string& out, const pb::Message& message,
                   const MessagePlan& plan, bool top_level);

// Appends field `f` of `m`, or its element `index` if it is repeated. False,
// appending nothing, for a field without presence that holds zero or "":
// Protobuf does not serialize it, so its printer leaves it out. (Reading the
// value once serves both.) `r` is the reflection of `m`.
bool AppendValue(std::string& out, const pb::Message& m,
                 const pb::Reflection& r, const FieldPlan& plan, int index) {
  const pb::FieldDescriptor* f = plan.field;
  const bool one = !plan.repeated;
  const bool implicit = plan.implicit;
  switch (plan.cpp_type) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return AppendInteger(out, one ? r.GetInt32(m, f) : r.GetRepeatedInt32(m, f, index),
                           implicit, false);
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return AppendInteger(out, one ? r.GetUInt32(m, f) : r.GetRepeatedUInt32(m, f, index),
                           implicit, false);
    case pb::FieldDescriptor::CPPTYPE_INT64:
      return AppendInteger(out, one ? r.GetInt64(m, f) : r.GetRepeatedInt64(m, f, index),
                           implicit, true);
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      return AppendInteger(out, one ? r.GetUInt64(m, f) : r.GetRepeatedUInt64(m, f, index),
                           implicit, true);
    case pb::FieldDescriptor::CPPTYPE_BOOL: {
      const bool value = one ? r.GetBool(m, f) : r.GetRepeatedBool(m, f, index);
      if (implicit && !value) return false;
      out += value ? "true" : "false";
      return true;
    }
    case pb::FieldDescriptor::CPPTYPE_ENUM: {  // by name; unknown ones by number
      const int number = one ? r.GetEnumValue(m, f) : r.GetRepeatedEnumValue(m, f, index);
      if (implicit && number == 0) return false;
      if (const auto* value = f->enum_type()->FindValueByNumber(number)) {
        AppendJsonString(out, value->name());
      } else {
        AppendNumber(out, number);
      }
      return true;
    }
    case pb::FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      const std::string& value =
          one ? r.GetStringReference(m, f, &scratch)
              : r.GetRepeatedStringReference(m, f, index, &scratch);
      if (implicit && value.empty()) return false;
      AppendJsonString(out, value);
      return true;
    }
    case pb::FieldDescriptor::CPPTYPE_MESSAGE:
      AppendMessage(out, one ? r.GetMessage(m, f) : r.GetRepeatedMessage(m, f, index),
                    *plan.message, false);
      return true;
    default:
      return false;  // AddPlan let no other kind through
  }
}

// Appends the value of a field of `m` (an array if it is repeated); false,
// appending nothing, if Protobuf would not serialize the field.
bool AppendField(std::string& out, const pb::Message& m,
                 const pb::Reflection& r, const FieldPlan& plan) {
  const pb::FieldDescriptor* f = plan.field;
  if (!plan.repeated) {
    return (plan.implicit || r.HasField(m, f)) &&
           AppendValue(out, m, r, plan, -1);
  }
  const int size = r.FieldSize(m, f);
  if (size == 0) return false;
  out.push_back('[');
  for (int i = 0; i < size; ++i) {
    if (i > 0) out.push_back(',');
    AppendValue(out, m, r, plan, i);
  }
  out.push_back(']');
  return true;
}

void AppendMessage(std::string& out, const pb::Message& message,
                   const MessagePlan& plan, bool top_level) {
  out.push_back('{');
  const size_t first = out.size();
  for (const FieldPlan& field : plan.fields) {
    if (top_level && field.secret_like) continue;
    const size_t before = out.size();
    if (before != first) out.push_back(',');
    out += field.key;
    // Protobuf's printer leaves out the fields it would not serialize.
    if (!AppendField(out, message, *plan.reflection, field)) out.resize(before);
  }
  out.push_back('}');
}

// Payload types with fields AppendValue does not print go through
// Protobuf's own printer, as all of them once did; none of keyledger.v1's
// do.
void AppendWithProtobufPrinter(std::string& out, const pb::Message& message) {
  std::unique_ptr<pb::Message> cleared(message.New());
  cleared->CopyFrom(message);
  for (const char* secret_like : {"hash", "password", "password_salt"}) {
    if (const auto* field = message.GetDescriptor()->FindFieldByName(secret_like)) {
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
  std::unique_ptr<pb::Message> message;  // reused to parse; null: unknown type
  MessagePlans plans;
  const MessagePlan* plan = nullptr;  // null: Protobuf's printer prints it
};

PayloadJson::PayloadJson() = default;

PayloadJson::~PayloadJson() = default;

void PayloadJson::Append(std::string& out, const std::string& type_name,
                         std::string_view payload) {
  Type& type = CachedType(type_name);
  if (!type.message ||
      !type.message->ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    out += "{}";
    return;
  }
  Print(out, type, *type.message);
}

void PayloadJson::AppendParsed(std::string& out, const std::string& type_name,
                               const google::protobuf::Message& message) {
  const Type& type = CachedType(type_name);
  if (!type.message) {
    out += "{}";
    return;
  }
  Print(out, type, message);
}

void PayloadJson::Print(std::string& out, const Type& type, const pb::Message& message) {
  if (type.plan) {
    AppendMessage(out, message, *type.plan, true);
  } else {
    AppendWithProtobufPrinter(out, message);
  }
}

PayloadJson::Type& PayloadJson::CachedType(const std::string& type_name) {
  if (last_type_ == nullptr || type_name != last_type_name_) {
    last_type_ = &TypeNamed(type_name);
    last_type_name_ = type_name;
  }
  return *last_type_;
}

PayloadJson::Type& PayloadJson::TypeNamed(const std::string& type_name) {
  std::unique_ptr<Type>& type = types_[type_name];
  if (!type) {
    type = std::make_unique<Type>();
    const pb::Descriptor* descriptor =
        pb::DescriptorPool::generated_pool()->FindMessageTypeByName(type_name);
    if (descriptor != nullptr) {
      type->message.reset(
          pb::MessageFactory::generated_factory()->GetPrototype(descriptor)->New());
      if (AddPlan(*descriptor, type->plans)) type->plan = &type->plans.at(descriptor);
    }
  }
  return *type;
}

}  // namespace keyledger::tools
