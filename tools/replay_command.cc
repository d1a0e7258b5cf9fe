// `keyledger replay`: the audit-log replay tool. Prints the audit trail from
// the log (works while the server runs), or with --at the state at a time.

#include <algorithm>
#include <iostream>

#include "domain/audit_target.h"
#include "eventstore/event_codec.h"
#include "eventstore/verify.h"
#include "projections/touched.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "tools/replay_format.h"
#include "tools/store_access.h"
#include "domain/time_text.h"

namespace keyledger::tools {
namespace {

namespace po = boost::program_options;

struct Filter {
  std::optional<int64_t> org;
  std::optional<int64_t> key;
  std::optional<int64_t> service_account;
  std::string actor;  // "kind", "kind:id" or login
  std::optional<int64_t> since_ms;
  std::optional<int64_t> until_ms;

  bool Matches(const eventstore::RecordedEvent& r, const domain::Event& e) const {
    if (org && domain::OrgOf(e) != *org) return false;
    if (since_ms && r.recorded_at_ms < *since_ms) return false;
    if (until_ms && r.recorded_at_ms > *until_ms) return false;
    const projections::Touched touched = projections::TouchedBy(e);
    auto contains = [](const std::vector<int64_t>& ids, int64_t id) {
      return std::find(ids.begin(), ids.end(), id) != ids.end();
    };
    if (key && !contains(touched.keys, *key)) return false;
    if (service_account && !contains(touched.service_accounts, *service_account)) {
      return false;
    }
    if (!actor.empty()) {
      const auto& m = r.metadata;
      if (actor != m.actor_kind && actor != m.actor_login &&
          actor != m.actor_kind + ":" + std::to_string(m.actor_id)) {
        return false;
      }
    }
    return true;
  }
};

// Parses an optional time flag; throws po::error on a bad value.
std::optional<int64_t> TimeFlag(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) return std::nullopt;
  auto ms = domain::ParseTimeMs(vm[name].as<std::string>());
  if (!ms) {
    throw po::error(std::string("--") + name +
                    " wants RFC 3339 (2026-11-26T10:00:00Z) or Unix seconds");
  }
  return ms;
}

int Replay(eventstore::EventStore& store, const Filter& filter,
           std::optional<int64_t> at_ms, OutputFormat format) {
  domain::State state;
  std::string failure;
  auto walked = store.ForEach(1, [&](const eventstore::RecordedEvent& r) {
    if (at_ms && r.recorded_at_ms > *at_ms) return false;
    auto event = eventstore::DecodeEvent(r.type, r.payload);
    if (!event) {
      failure = "position " + std::to_string(r.position) + ": " + event.error().message;
      return false;
    }
    if (!at_ms && filter.Matches(r, *event)) {
      std::cout << FormatEvent(r, *event, domain::TargetOf(state, *event), format)
                << "\n";
    }
    domain::Evolve(state, *event);
    return true;
  });
  if (!walked) failure = walked.error().message;
  if (!failure.empty()) {
    std::cerr << "keyledger: replay failed: " << failure << "\n";
    return 1;
  }
  if (at_ms) std::cout << FormatStateAt(state, *at_ms / 1000, format);
  return 0;
}

int VerifyFirst(eventstore::EventStore& store) {
  auto report = eventstore::VerifyLog(store);
  if (!report) {
    std::cerr << "keyledger: verify failed to read the log: "
              << report.error().message << "\n";
    return 1;
  }
  if (report->first_bad_position) {
    std::cerr << "keyledger: the log is damaged at position "
              << *report->first_bad_position << ": " << report->problem << "\n";
    return 1;
  }
  std::cerr << "keyledger: hash chain intact over " << report->events
            << " events\n";
  return 0;
}

}  // namespace

int RunReplay(int argc, char** argv) {
  po::options_description options("replay options");
  options.add_options()
      ("data-dir", po::value<std::string>()->default_value("./data"), "data directory")
      ("org", po::value<int64_t>(), "only events of this org")
      ("key", po::value<int64_t>(), "only events about this key or token id")
      ("service-account", po::value<int64_t>(), "only events about this service account")
      ("actor", po::value<std::string>(), "only events by this actor (kind, kind:id or login)")
      ("since", po::value<std::string>(), "from this time (RFC 3339 or Unix seconds)")
      ("until", po::value<std::string>(), "up to this time")
      ("at", po::value<std::string>(), "print the keys and tokens as of this time instead")
      ("format", po::value<std::string>()->default_value("text"), "text | json")
      ("verify", "check the hash chain first");
  po::variables_map vm;
  const char* usage = "usage: keyledger replay --data-dir DIR [filters] [--at T] "
                      "[--format text|json] [--verify]";
  if (auto exit_code = ParseCommandLine(argc, argv, options, vm, usage)) return *exit_code;
  Filter filter;
  std::optional<int64_t> at_ms;
  try {
    if (vm.count("org")) filter.org = vm["org"].as<int64_t>();
    if (vm.count("key")) filter.key = vm["key"].as<int64_t>();
    if (vm.count("service-account")) filter.service_account = vm["service-account"].as<int64_t>();
    if (vm.count("actor")) filter.actor = vm["actor"].as<std::string>();
    filter.since_ms = TimeFlag(vm, "since");
    filter.until_ms = TimeFlag(vm, "until");
    at_ms = TimeFlag(vm, "at");
  } catch (const po::error& e) {
    std::cerr << "keyledger: " << e.what() << "\n";
    return 2;
  }
  const std::string format_text = vm["format"].as<std::string>();
  if (format_text != "text" && format_text != "json") {
    std::cerr << "keyledger: --format wants text or json\n";
    return 2;
  }
  auto opened = ReadOnlyStore::Open(vm["data-dir"].as<std::string>());
  if (!opened) {
    std::cerr << "keyledger: " << opened.error().message << "\n";
    return 2;
  }
  if (vm.count("verify")) {
    if (int code = VerifyFirst((*opened)->store()); code != 0) return code;
  }
  return Replay((*opened)->store(), filter, at_ms,
                format_text == "json" ? OutputFormat::kJson : OutputFormat::kText);
}

}  // namespace keyledger::tools
