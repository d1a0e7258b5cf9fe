#define BOOST_TEST_MODULE replay_command_test
#include <boost/test/unit_test.hpp>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>
#include <rocksdb/db.h>

#include <boost/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "../projections/ledger_fixture.h"
#include "domain/secret_hash.h"
#include "envelope.pb.h"
#include "eventstore/key_encoding.h"
#include "projections/ledger.h"
#include "run_keyledger.h"
#include "tools/handoff.h"

namespace d = keyledger::domain;
using keyledger::testing::LedgerFixture;
using keyledger::testing::RunKeyledger;

namespace {

// A history on the real clock, so recorded times and expiries agree. The
// fixture keeps the store open: every run below reads it while it is "live".
struct ReplayFixture : LedgerFixture {
  ReplayFixture() {
    now = keyledger::projections::SystemClockSeconds();
    short_key = CreateKey("short-lived", 1, 2);
    long_key = CreateKey("long-lived", 1, 3600);
    account = CreateServiceAccount("robot");
    token = CreateToken(account, "robot-token");
    created_at = now.load();
  }
  std::string Replay(const std::string& args) {
    auto r = RunKeyledger("replay --data-dir " + dir.string() + " " + args);
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.output);
    return r.output;
  }
  int64_t short_key, long_key, account, token, created_at;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Adds every kind of event to the fixture's history.
void RunEveryKindOfChange(ReplayFixture& f) {
  const std::string salt = "salt-bob";
  auto user = f.Run(d::CreateUser{"bob", "bob@example.com", "Bob",
                                  d::HashPassword("secret-pw", salt), salt, false});
  const int64_t bob = std::get<d::UserCreated>(user.events.at(0)).user_id;
  f.Run(d::AddOrgUser{1, "bob", "Editor"});
  f.Run(d::UpdateOrgUser{1, bob, "Viewer"});
  f.Run(d::RemoveOrgUser{1, bob});
  f.Run(d::DeleteApiKey{1, f.CreateKey("doomed")});
  const int64_t alpha = f.CreateKey("alpha");
  f.Run(d::MigrateKey{1, alpha});
  const int64_t alpha_account = *f.StateCopy().keys.at(alpha).service_account_id;
  f.Run(d::RevertToken{1, alpha_account, alpha});
  const int64_t account = f.CreateServiceAccount("robot-2");
  f.Run(d::RevokeToken{1, account, f.CreateToken(account, "t-1")});
  f.CreateToken(account, "t-2");
  f.Run(d::DeleteToken{1, account, f.CreateToken(account, "t-3")});
  f.Run(d::RecordKeyUse{1, {{f.token, f.now.load()}}});
  f.Run(d::UpdateServiceAccount{1, account, "robot-3", "Editor", true});
  f.Run(d::DeleteServiceAccount{1, account});
  f.Run(d::MigrateAll{1});
  f.Run(d::HideApiKeys{1});
}

// The "fields" of a replay line as Protobuf's JSON printer prints the
// payload (secrets cleared), re-serialized by Boost.JSON.
std::string ProtobufFields(const keyledger::eventstore::RecordedEvent& e) {
  namespace pb = google::protobuf;
  const pb::Descriptor* descriptor =
      pb::DescriptorPool::generated_pool()->FindMessageTypeByName(e.type);
  BOOST_TEST_REQUIRE(descriptor != nullptr, e.type);
  std::unique_ptr<pb::Message> message(
      pb::MessageFactory::generated_factory()->GetPrototype(descriptor)->New());
  BOOST_TEST_REQUIRE(message->ParseFromString(e.payload));
  for (const char* secret : {"hash", "password", "password_salt"}) {
    if (const auto* field = descriptor->FindFieldByName(secret)) {
      message->GetReflection()->ClearField(message.get(), field);
    }
  }
  std::string text;
  BOOST_TEST_REQUIRE(pb::util::MessageToJsonString(*message, &text).ok());
  return boost::json::serialize(boost::json::parse(text));
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(replay_prints_one_line_per_event_in_order, ReplayFixture) {
  const auto lines = Lines(Replay(""));
  BOOST_TEST(lines.size() == store->LastPosition());
  BOOST_TEST(lines[0].find("OrgCreated") != std::string::npos);
  BOOST_TEST(lines.back().find("TokenCreated") != std::string::npos);
  BOOST_TEST(lines.back().find("robot-token") != std::string::npos);
  // Hashes are left out: no stored hash appears in the output.
  const d::State state = StateCopy();
  for (const auto& [id, key] : state.keys) {
    BOOST_TEST(Replay("").find(key.hash.hex.str()) == std::string::npos);
  }
}

BOOST_FIXTURE_TEST_CASE(replay_json_prints_one_object_per_line, ReplayFixture) {
  const auto lines = Lines(Replay("--format json"));
  BOOST_TEST_REQUIRE(lines.size() == store->LastPosition());
  uint64_t expected_position = 1;
  for (const auto& line : lines) {
    const auto object = boost::json::parse(line).as_object();
    BOOST_TEST(object.at("position").to_number<uint64_t>() == expected_position++);
    BOOST_TEST(object.contains("actor"));
    BOOST_TEST(object.contains("action"));
  }
  const auto last = boost::json::parse(lines.back()).as_object();
  BOOST_TEST(last.at("action").as_string() == "TokenCreated");
  BOOST_TEST(last.at("target").at("id").as_int64() == token);
  BOOST_TEST(last.at("actor").at("login").as_string() == "admin");
}

BOOST_FIXTURE_TEST_CASE(replay_filters_by_key_org_actor_and_time, ReplayFixture) {
  const auto by_key = Lines(Replay("--key " + std::to_string(long_key)));
  BOOST_TEST_REQUIRE(by_key.size() == 1u);
  BOOST_TEST(by_key[0].find("long-lived") != std::string::npos);
  BOOST_TEST(Lines(Replay("--service-account " + std::to_string(account))).size() == 2u);
  BOOST_TEST(Lines(Replay("--org 2")).empty());
  // Bootstrap: Main Org., the admin, its membership.
  BOOST_TEST(Lines(Replay("--actor system")).size() == 3u);
  BOOST_TEST(Lines(Replay("--actor admin")).size() == 4u);
  BOOST_TEST(Lines(Replay("--until 1000")).empty());
  BOOST_TEST(Lines(Replay("--since 2000-01-01T00:00:00Z")).size() ==
             store->LastPosition());
}

BOOST_FIXTURE_TEST_CASE(replay_at_tells_which_keys_could_authenticate, ReplayFixture) {
  const std::string before = Replay("--at " + std::to_string(created_at + 1));
  const std::string after = Replay("--at " + std::to_string(created_at + 10));
  auto line_of = [](const std::string& text, const std::string& name) {
    for (const auto& line : Lines(text)) {
      if (line.find(name) != std::string::npos) return line;
    }
    return std::string();
  };
  BOOST_TEST(line_of(before, "short-lived").find("can authenticate") != std::string::npos);
  BOOST_TEST(line_of(after, "short-lived").find("Expired API key") != std::string::npos);
  BOOST_TEST(line_of(after, "long-lived").find("can authenticate") != std::string::npos);
  // Before the key existed, it is not listed at all.
  BOOST_TEST(line_of(Replay("--at 1000"), "long-lived").empty());
}

BOOST_FIXTURE_TEST_CASE(replay_sees_events_appended_while_a_writer_runs, ReplayFixture) {
  std::thread writer([this] {
    for (int i = 0; i < 50; ++i) CreateServiceAccount("busy-" + std::to_string(i));
  });
  // Each run is a consistent prefix of the log: positions 1..n, no gaps.
  for (int run = 0; run < 3; ++run) {
    const auto lines = Lines(Replay("--format json"));
    uint64_t expected = 1;
    for (const auto& line : lines) {
      BOOST_TEST(boost::json::parse(line).at("position").to_number<uint64_t>() == expected++);
    }
  }
  writer.join();
  BOOST_TEST(Lines(Replay("")).size() == store->LastPosition());
}

BOOST_FIXTURE_TEST_CASE(replay_prints_fields_as_protobufs_json_printer_does,
                        ReplayFixture) {
  RunEveryKindOfChange(*this);
  const auto lines = Lines(Replay("--format json"));
  auto events = store->ReadAll(1, 1000);
  BOOST_TEST_REQUIRE(events.has_value());
  BOOST_TEST_REQUIRE(lines.size() == events->size());
  std::set<std::string> types;
  for (size_t i = 0; i < lines.size(); ++i) {
    // "fields" is the last member: compare it character for character.
    const size_t at = lines[i].rfind(",\"fields\":");
    BOOST_TEST_REQUIRE(at != std::string::npos);
    const std::string fields = lines[i].substr(at + 10, lines[i].size() - at - 11);
    BOOST_TEST(fields == ProtobufFields((*events)[i]), lines[i]);
    BOOST_TEST(fields.find("\"hash\"") == std::string::npos);
    BOOST_TEST(fields.find("\"password") == std::string::npos);
    types.insert((*events)[i].type);
  }
  BOOST_TEST(types.size() == std::variant_size_v<d::Event>);
}

BOOST_FIXTURE_TEST_CASE(replay_escapes_names_as_json_does, ReplayFixture) {
  const std::string name = "q\"b\\s/\t\n\x01\x1f\x7f \xc3\xa9 \xe2\x9c\x93";
  const int64_t id = CreateKey(name);
  const std::string quoted = boost::json::serialize(boost::json::value(name));
  const auto text = Lines(Replay("--key " + std::to_string(id)));
  BOOST_TEST_REQUIRE(text.size() == 1u);
  BOOST_TEST(text[0].find(" " + quoted + " {") != std::string::npos, text[0]);
  BOOST_TEST(text[0].find("\"name\":" + quoted) != std::string::npos, text[0]);
  const auto json = Lines(Replay("--format json --key " + std::to_string(id)));
  BOOST_TEST_REQUIRE(json.size() == 1u);
  const auto object = boost::json::parse(json[0]).as_object();
  BOOST_TEST(object.at("target").at("name").as_string() == name);
  BOOST_TEST(object.at("fields").at("name").as_string() == name);
}

BOOST_FIXTURE_TEST_CASE(replay_verify_prints_the_same_lines_then_the_check,
                        ReplayFixture) {
  RunEveryKindOfChange(*this);
  for (const std::string format : {"text", "json"}) {
    const std::string lines = Replay("--format " + format);
    BOOST_TEST(Replay("--verify --format " + format) ==
               lines + "keyledger: hash chain intact over " +
                   std::to_string(store->LastPosition()) + " events\n");
  }
}

BOOST_FIXTURE_TEST_CASE(replay_verify_fails_on_a_broken_stream_index,
                        ReplayFixture) {
  // The index is checked after the walk: every line is printed, and still
  // the run fails.
  BOOST_TEST_REQUIRE(store->db()
                         .Delete({}, store->column_family("streams"),
                                 keyledger::eventstore::StreamIndexKey("org-1", 1))
                         .ok());
  BOOST_TEST_REQUIRE(store->db().Flush({}, store->column_family("streams")).ok());
  auto r = RunKeyledger("replay --verify --data-dir " + dir.string());
  BOOST_TEST(r.exit_code == 1, r.output);
  BOOST_TEST(r.output.find("the log is damaged at position") != std::string::npos,
             r.output);
  BOOST_TEST(r.output.find("stream index") != std::string::npos, r.output);
  auto at = RunKeyledger("replay --verify --at " + std::to_string(created_at + 1) +
                         " --data-dir " + dir.string());
  BOOST_TEST(at.exit_code == 1, at.output);
  BOOST_TEST(at.output.find("can authenticate") == std::string::npos, at.output);
}

BOOST_FIXTURE_TEST_CASE(replay_verify_streams_the_lines_before_damage_then_fails,
                        ReplayFixture) {
  RunEveryKindOfChange(*this);
  const std::vector<std::string> lines = Lines(Replay("--format json"));
  const uint64_t damaged = 5;  // an event in the middle: its contents change
  BOOST_TEST_REQUIRE(lines.size() > damaged);
  auto* events = store->column_family("events");
  const std::string key = keyledger::eventstore::PositionKey(damaged);
  std::string bytes;
  BOOST_TEST_REQUIRE(store->db().Get({}, events, key, &bytes).ok());
  keyledger::store::v1::Envelope envelope;
  BOOST_TEST_REQUIRE(envelope.ParseFromString(bytes));
  envelope.mutable_actor()->set_login("mallory");
  BOOST_TEST_REQUIRE(store->db().Put({}, events, key, envelope.SerializeAsString()).ok());
  BOOST_TEST_REQUIRE(store->db().Flush({}, events).ok());
  for (const std::string format : {"text", "json"}) {
    auto r = RunKeyledger("replay --verify --format " + format + " --data-dir " +
                          dir.string());
    BOOST_TEST(r.exit_code == 1, r.output);
    // Lines of the events before the damage, then the error, nothing after.
    const std::vector<std::string> out = Lines(r.output);
    BOOST_TEST_REQUIRE(out.size() == damaged, r.output);
    const std::vector<std::string> expected = Lines(Replay("--format " + format));
    for (size_t i = 0; i + 1 < damaged; ++i) BOOST_TEST(out[i] == expected[i]);
    BOOST_TEST(out.back() == "keyledger: the log is damaged at position 5: event 5: "
                             "hash does not match its contents");
    BOOST_TEST(r.output.find("mallory") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(handoff_delivers_every_item_in_order) {
  // Far more items than the batches hold at once: every batch is reused.
  constexpr int kItems = 100'000;
  keyledger::tools::Handoff<std::string> handoff;
  std::thread producer([&] {
    for (int i = 0; i < kItems; ++i) {
      handoff.Push([i](std::string& item) { item = "item-" + std::to_string(i); });
    }
    handoff.Close();
  });
  int next = 0;
  bool in_order = true;
  handoff.Drain([&](const std::string& item) {
    in_order = in_order && item == "item-" + std::to_string(next);
    ++next;
  });
  producer.join();
  BOOST_TEST(in_order);
  BOOST_TEST(next == kItems);
}

BOOST_FIXTURE_TEST_CASE(replay_rejects_a_bad_time, ReplayFixture) {
  auto r = RunKeyledger("replay --data-dir " + dir.string() + " --since yesterday");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.output.find("RFC 3339") != std::string::npos);
}
