// `keyledger replay`: the audit-log replay tool. Prints the audit trail from
// the log (works while the server runs), or with --at the state at a time.

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "domain/audit_target.h"
#include "eventstore/event_codec.h"
#include "eventstore/verify.h"
#include "projections/touched.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "tools/handoff.h"
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
    if ((key || service_account) && !TouchesIds(e)) return false;
    if (!actor.empty()) {
      const auto& m = r.metadata;
      if (actor != m.actor_kind && actor != m.actor_login &&
          actor != m.actor_kind + ":" + std::to_string(m.actor_id)) {
        return false;
      }
    }
    return true;
  }

  // Whether `e` touches the key and the service account filtered on. Only
  // called when filtering on one: TouchedBy allocates.
  bool TouchesIds(const domain::Event& e) const {
    const projections::Touched touched = projections::TouchedBy(e);
    auto contains = [](const std::vector<int64_t>& ids, int64_t id) {
      return std::find(ids.begin(), ids.end(), id) != ids.end();
    };
    return (!key || contains(touched.keys, *key)) &&
           (!service_account || contains(touched.service_accounts, *service_account));
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

// An event on its way from the thread that walks the log to the one that
// replays it.
struct Step {
  domain::Event event;
  bool listed = false;                 // matches the filter: printed
  eventstore::RecordedEvent recorded;  // set only when listed
};

// The part of a replay that needs no state, on the walking thread: decodes
// each event, filters it, and hands it over to the Replayer.
class Walker {
 public:
  Walker(const Filter& filter, std::optional<int64_t> at_ms,
         Handoff<Step>& handoff)
      : filter_(filter), at_ms_(at_ms), handoff_(handoff) {}

  // False once the replay is over before the log is: --at's time has
  // passed, or an event does not decode (see failure()).
  bool Take(const eventstore::RecordedEvent& r) {
    if (over_) return false;
    if (at_ms_ && r.recorded_at_ms > *at_ms_) {
      over_ = true;
      return false;
    }
    auto event = eventstore::DecodeEvent(r.type, r.payload);
    if (!event) {
      failure_ = "position " + std::to_string(r.position) + ": " + event.error().message;
      over_ = true;
      return false;
    }
    handoff_.Push([&](Step& step) {
      step.listed = !at_ms_ && filter_.Matches(r, *event);
      if (step.listed) step.recorded = r;
      step.event = std::move(*event);
    });
    return true;
  }

  const std::string& failure() const { return failure_; }

 private:
  const Filter& filter_;
  const std::optional<int64_t> at_ms_;
  Handoff<Step>& handoff_;
  bool over_ = false;
  std::string failure_;
};

// Keeps `state` from ever being freed. A replay of a large log ends with
// millions of records, which take seconds to free one by one (a third of
// the replay); the process exits right after a replay and gets the memory
// back at once. (Reachable from a static, so leak checkers do not report it.)
void Abandon(std::unique_ptr<domain::State> state) {
  static auto* abandoned = new std::vector<std::unique_ptr<domain::State>>;
  abandoned->push_back(std::move(state));
}

// The part of a replay that needs the state: evolves it and prints the
// listed events with their targets. (Printing could go on either thread;
// here it evens out the two threads' work.) Lines are buffered and written
// in large chunks.
class Replayer {
 public:
  explicit Replayer(OutputFormat format) : printer_(format) {}
  ~Replayer() { Abandon(std::move(state_)); }

  void Apply(const Step& step) {
    if (step.listed) {
      printer_.Append(out_, step.recorded, step.event,
                      domain::TargetOf(*state_, step.event));
      if (out_.size() >= kFlushBytes) Flush();
    }
    domain::Evolve(*state_, step.event);
  }

  // Writes the buffered lines out (before any message on stderr).
  void Flush() {
    std::fwrite(out_.data(), 1, out_.size(), stdout);
    std::fflush(stdout);
    out_.clear();
  }

  const domain::State& state() const { return *state_; }

 private:
  static constexpr size_t kFlushBytes = 1 << 20;

  EventPrinter printer_;
  std::unique_ptr<domain::State> state_ = std::make_unique<domain::State>();
  std::string out_;
};

int ReportVerified(const domain::Result<eventstore::VerifyReport>& report) {
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

// One pass over the log, on two threads: one walks it (and with `verify`
// checks it, as `keyledger verify` does), this one replays it. With
// `verify`, events are printed as they pass the hash chain; damage found
// afterwards in the stream index still fails the run.
int Replay(eventstore::EventStore& store, const Filter& filter,
           std::optional<int64_t> at_ms, OutputFormat format, bool verify) {
  Handoff<Step> handoff;
  Walker walker(filter, at_ms, handoff);
  Replayer replayer(format);
  domain::Result<eventstore::VerifyReport> report = eventstore::VerifyReport{};
  domain::Result<void> walked;
  std::thread walk([&] {
    if (verify) {
      // Verification goes on to the end even when the replay is over.
      report = eventstore::VerifyLog(
          store, [&](const eventstore::RecordedEvent& r) { walker.Take(r); });
    } else {
      walked = store.ForEach(
          1, [&](const eventstore::RecordedEvent& r) { return walker.Take(r); });
    }
    handoff.Close();
  });
  handoff.Drain([&](const Step& step) { replayer.Apply(step); });
  walk.join();
  replayer.Flush();
  if (verify) {
    if (int code = ReportVerified(report); code != 0) return code;
  }
  const std::string failure = walked ? walker.failure() : walked.error().message;
  if (!failure.empty()) {
    std::cerr << "keyledger: replay failed: " << failure << "\n";
    return 1;
  }
  if (at_ms) std::cout << FormatStateAt(replayer.state(), *at_ms / 1000, format);
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
      ("verify", "check the hash chain while replaying (exit 1 if damaged)");
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
  return Replay((*opened)->store(), filter, at_ms,
                format_text == "json" ? OutputFormat::kJson : OutputFormat::kText,
                vm.count("verify") > 0);
}

}  // namespace keyledger::tools
