// `keyledger replay`: the audit-log replay tool. Prints the audit trail from
// the log (works while the server runs), or with --at the state at a time.

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "domain/audit_target.h"
#include "eventstore/envelope_format.h"
#include "eventstore/event_codec.h"
#include "eventstore/verify.h"
#include "projections/touched.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "tools/handoff.h"
#include "tools/replay_format.h"
#include "tools/store_access.h"
#include "tools/target_names.h"
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

  bool Matches(const store::v1::Envelope& r, const domain::Event& e) const {
    if (org && domain::OrgOf(e) != *org) return false;
    if (since_ms && r.recorded_at_unix_ms() < *since_ms) return false;
    if (until_ms && r.recorded_at_unix_ms() > *until_ms) return false;
    if ((key || service_account) && !TouchesIds(e)) return false;
    if (!actor.empty()) {
      const auto& a = r.actor();
      if (actor != a.kind() && actor != a.login() &&
          actor != a.kind() + ":" + std::to_string(a.id())) {
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

using store::v1::Envelope;

// The part of a replay on the thread that walks the log: hands each event
// over to the Replayer, until --at's time has passed.
class Walker {
 public:
  Walker(std::optional<int64_t> at_ms, Handoff<Envelope>& handoff)
      : at_ms_(at_ms), handoff_(handoff) {}

  // Hands `envelope` over (swapped, not copied); false once the replay is
  // over.
  bool Take(Envelope& envelope) {
    if (!Admits(envelope.recorded_at_unix_ms())) return false;
    handoff_.Push([&](Envelope& item) { item.Swap(&envelope); });
    return true;
  }

 private:
  bool Admits(int64_t recorded_at_ms) {
    if (at_ms_ && recorded_at_ms > *at_ms_) over_ = true;
    return !over_;
  }

  const std::optional<int64_t> at_ms_;
  Handoff<Envelope>& handoff_;
  bool over_ = false;
};

// Keeps `owned` from ever being freed. A replay of a large log ends with
// millions of records, which take seconds to free one by one (a third of
// the replay); the process exits right after a replay and gets the memory
// back at once. (Reachable from a static, so leak checkers do not report it.)
template <typename T>
void Abandon(std::unique_ptr<T> owned) {
  static auto* abandoned = new std::vector<std::unique_ptr<T>>;
  abandoned->push_back(std::move(owned));
}

// The part of a replay on the other thread: decodes each event, and either
// prints it (if it matches the filter) with its target, or with --at
// evolves the state. Lines are buffered and written in large chunks.
class Replayer {
 public:
  // `events`: about how many events the log holds.
  Replayer(const Filter& filter, std::optional<int64_t> at_ms, OutputFormat format,
           uint64_t events)
      : filter_(filter), printer_(format) {
    if (at_ms) {
      state_ = std::make_unique<domain::State>();
      // What --at prints reads keys by id only: keeping the name indexes
      // would take every key to a random place in a tree, for nothing.
      domain::SuspendNameIndexes(*state_);
    } else {
      names_ = std::make_unique<TargetNames>(events + 1);
    }
  }
  ~Replayer() {
    Abandon(std::move(state_));
    Abandon(std::move(names_));
  }

  void Apply(const Envelope& r) {
    if (!failure_.empty()) return;  // an event did not decode: the replay is over
    const google::protobuf::Message* payload = nullptr;
    auto event = eventstore::DecodeEvent(r.type(), r.payload(), &payload);
    if (!event) {
      failure_ = "position " + std::to_string(r.position()) + ": " + event.error().message;
      return;
    }
    if (state_) {
      domain::Evolve(*state_, *event);
      return;
    }
    if (filter_.Matches(r, *event)) {
      printer_.Append(out_, r, *event, names_->TargetOf(*event), payload);
      if (out_.size() >= kFlushBytes) Flush();
    }
    names_->Apply(*event);
  }

  // Writes the buffered lines out (before any message on stderr).
  void Flush() {
    std::fwrite(out_.data(), 1, out_.size(), stdout);
    std::fflush(stdout);
    out_.clear();
  }

  // Why the replay stopped early; empty if it did not.
  const std::string& failure() const { return failure_; }
  // With --at: the state at that time.
  const domain::State& state() const { return *state_; }

 private:
  static constexpr size_t kFlushBytes = 1 << 20;

  const Filter& filter_;
  EventPrinter printer_;
  std::unique_ptr<domain::State> state_;  // only with --at
  std::unique_ptr<TargetNames> names_;   // without --at
  std::string out_;
  std::string failure_;
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
  Handoff<Envelope> handoff;
  Walker walker(at_ms, handoff);
  Replayer replayer(filter, at_ms, format, store.LastPosition());
  domain::Result<eventstore::VerifyReport> report = eventstore::VerifyReport{};
  domain::Result<void> walked;
  std::thread walk([&] {
    if (verify) {
      // Verification goes on to the end even when the replay is over.
      report = eventstore::VerifyLogEnvelopes(
          store, [&](Envelope& envelope) { walker.Take(envelope); });
    } else {
      walked = store.ForEachEnvelope(
          1, [&](Envelope& envelope) { return walker.Take(envelope); });
    }
    handoff.Close();
  });
  handoff.Drain([&](Envelope& envelope) { replayer.Apply(envelope); });
  walk.join();
  replayer.Flush();
  if (verify) {
    if (int code = ReportVerified(report); code != 0) return code;
  }
  // An event that does not decode comes before any later failure to read.
  const std::string failure =
      !replayer.failure().empty() || walked ? replayer.failure() : walked.error().message;
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
