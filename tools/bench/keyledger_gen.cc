// keyledger_gen: writes a large, realistic history into a data directory
// through the library (EventStore + Ledger::Execute), for the benchmarks in
// tools/bench.sh. Not a test and not part of the server.
//
//   keyledger_gen --data-dir D --keys N [--orgs M] [--threads T]
//                 [--admin-password PW] [--secrets-file F] [--secrets-max S]
//
// Per org: service accounts with tokens, legacy keys, some key uses, some
// deletes and revocations, some single-key migrations and (for every tenth
// org) a migrate-all. Names are as people choose them (what a key is for,
// then a number), in no relation to ids, so that a restart indexes them in
// the order real ones come in. Every command is decided by the real Ledger,
// so the views are exactly what a rebuild produces. Commands run from T
// threads so that the store's group commit batches them; the store is
// opened with sync=false (a generator need not survive a power cut; the run
// ends with a synced write that flushes the WAL).
//
// The secrets of up to S live keys/tokens (reservoir-sampled over all
// created ones) go to F, one per line, for the auth benchmark. They exist
// nowhere else.

#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/program_options.hpp>
#include <rocksdb/db.h>

#include "domain/key_format.h"
#include "domain/secret_hash.h"
#include "eventstore/event_store.h"
#include "projections/bootstrap.h"
#include "projections/ledger.h"
#include "projections/random_secret.h"

namespace {

namespace po = boost::program_options;
using keyledger::projections::CommandMeta;
using keyledger::projections::Ledger;
namespace domain = keyledger::domain;

struct Options {
  std::string data_dir;
  int64_t keys = 10000;
  int64_t orgs = 10;
  int threads = 32;
  std::string admin_password = "bench-admin";
  std::string secrets_file;
  size_t secrets_max = 10000;
};

// Reservoir of live secrets, keyed by key id so deletes can drop them.
class SecretSample {
 public:
  explicit SecretSample(size_t max) : max_(max) {}
  void Offer(int64_t id, std::string secret, std::mt19937_64& rng) {
    std::lock_guard lock(mutex_);
    ++seen_;
    if (items_.size() < max_) {
      index_[id] = items_.size();
      items_.push_back({id, std::move(secret)});
      return;
    }
    const uint64_t slot = rng() % seen_;
    if (slot < max_) {
      index_.erase(items_[slot].first);
      index_[id] = slot;
      items_[slot] = {id, std::move(secret)};
    }
  }
  void Drop(int64_t id) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(id);
    if (it == index_.end()) return;
    const size_t slot = it->second;
    index_.erase(it);
    if (slot != items_.size() - 1) {
      items_[slot] = std::move(items_.back());
      index_[items_[slot].first] = slot;
    }
    items_.pop_back();
  }
  bool Write(const std::string& path) const {
    std::ofstream out(path, std::ios::trunc);
    for (const auto& item : items_) out << item.second << "\n";
    return static_cast<bool>(out);
  }
  size_t size() const { return items_.size(); }

 private:
  size_t max_;
  std::mutex mutex_;
  uint64_t seen_ = 0;
  std::vector<std::pair<int64_t, std::string>> items_;
  std::unordered_map<int64_t, size_t> index_;
};

struct Counters {
  std::atomic<int64_t> keys{0}, commands{0}, failures{0};
};

class Generator {
 public:
  Generator(Ledger& ledger, SecretSample& sample, Counters& counters)
      : ledger_(ledger), sample_(sample), c_(counters) {
    meta_.actor.kind = domain::ActorKind::kServerAdmin;
    meta_.actor.id = 1;
    meta_.actor.login = "admin";
    meta_.actor_role = domain::Role::kAdmin;
    meta_.actor_is_server_admin = true;
    meta_.request_id = "keyledger-gen";
    meta_.client_address = "127.0.0.1";
  }

  // Fills one org with `keys` keys and tokens.
  // `chunk` makes names unique within the org (one org has many chunks).
  void FillOrg(int64_t org, int64_t keys, uint64_t seed, size_t chunk) {
    std::mt19937_64 rng(seed);
    // A name as people choose them, what it is for first: names are in no
    // relation to the order in which keys are created.
    auto name = [&](std::string_view kind, int64_t n) {
      std::string text = std::string(kSystems[rng() % std::size(kSystems)]) + "-" +
                         kPurposes[rng() % std::size(kPurposes)] + "-";
      text.append(kind).append("-").append(std::to_string(chunk));
      return text.append("-").append(std::to_string(n));
    };
    int64_t made = 0;
    int64_t n = 0;
    while (made < keys) {
      ++n;
      if (rng() % 2 == 0) {  // a legacy API key
        const std::string k = keyledger::projections::RandomAlnum(32);
        const std::string key_name = name("key", n);
        domain::CreateApiKey cmd{org, key_name, kRoles[rng() % 3],
                                 {2592000, std::nullopt},
                                 domain::HashNewSecret(k)};
        auto id = Created<domain::ApiKeyCreated>(cmd);
        if (!id) continue;
        ++made;
        sample_.Offer(*id, domain::EncodeLegacyKey({k, key_name, org}), rng);
        MaybeUseDeleteMigrate(org, *id, rng);
      } else {  // a service account with 1-3 tokens
        domain::CreateServiceAccount sa{org, name("sa", n),
                                        std::string(kRoles[rng() % 3]),
                                        std::nullopt};
        auto sa_id = Created<domain::ServiceAccountCreated>(sa);
        if (!sa_id) continue;
        const int tokens = 1 + static_cast<int>(rng() % 3);
        for (int t = 0; t < tokens && made < keys; ++t) {
          const std::string secret = keyledger::projections::RandomAlnum(32);
          domain::CreateToken cmd{org, *sa_id,
                                  name("token", n) + "-" + std::to_string(t),
                                  {std::nullopt, std::nullopt},
                                  domain::HashNewSecret(secret)};
          auto id = Created<domain::TokenCreated>(cmd);
          if (!id) continue;
          ++made;
          sample_.Offer(*id, domain::EncodeToken("sa", secret), rng);
          const uint64_t dice = rng() % 100;
          if (dice < 2) {
            Run(domain::RevokeToken{org, *sa_id, *id});
            sample_.Drop(*id);
          } else if (dice < 4) {
            Run(domain::DeleteToken{org, *sa_id, *id});
            sample_.Drop(*id);
          } else if (dice < 14) {
            Run(domain::RecordKeyUse{org, {{*id, ledger_.Now()}}});
          }
        }
      }
    }
    c_.keys += made;
  }

  // Every tenth org migrates all its remaining legacy keys (after all its
  // keys exist: a migrated org refuses new legacy keys).
  void MigrateAll(int64_t org) { Run(domain::MigrateAll{org}); }

 private:
  static constexpr const char* kRoles[3] = {"Viewer", "Editor", "Admin"};
  static constexpr const char* kSystems[] = {
      "grafana", "prometheus", "ci",      "deploy", "backup", "alerting",
      "payments", "billing",   "search",  "reports", "etl",   "mobile",
      "web",     "terraform",  "loki",    "tempo"};
  static constexpr const char* kPurposes[] = {"reader", "writer", "admin", "sync",
                                              "export", "import", "bot",   "agent"};

  void MaybeUseDeleteMigrate(int64_t org, int64_t id, std::mt19937_64& rng) {
    const uint64_t dice = rng() % 100;
    if (dice < 4) {
      Run(domain::DeleteApiKey{org, id});
      sample_.Drop(id);
    } else if (dice < 8) {
      Run(domain::MigrateKey{org, id});  // keeps working, as its SA
    } else if (dice < 18) {
      Run(domain::RecordKeyUse{org, {{id, ledger_.Now()}}});
    }
  }

  template <typename Event, typename Command>
  std::optional<int64_t> Created(const Command& command) {
    auto outcome = Execute(command);
    if (!outcome) return std::nullopt;
    for (const auto& event : outcome->events) {
      if (const auto* e = std::get_if<Event>(&event)) {
        if constexpr (requires { e->key_id; }) {
          return e->key_id;
        } else {
          return e->service_account_id;
        }
      }
    }
    return std::nullopt;
  }

  template <typename Command>
  void Run(const Command& command) {
    (void)Execute(command);
  }

  template <typename Command>
  domain::Result<keyledger::projections::Outcome> Execute(
      const Command& command) {
    ++c_.commands;
    auto outcome = ledger_.Execute(domain::Command(command), meta_);
    if (!outcome) {
      if (++c_.failures <= 5) {
        std::cerr << "keyledger_gen: command failed: "
                  << outcome.error().message << "\n";
      }
    }
    return outcome;
  }

  Ledger& ledger_;
  SecretSample& sample_;
  Counters& c_;
  CommandMeta meta_;
};

int Run(const Options& options) {
  keyledger::eventstore::StoreOptions store_options;
  store_options.sync = false;
  auto store = keyledger::eventstore::EventStore::Open(options.data_dir,
                                                       store_options);
  if (!store) {
    std::cerr << "keyledger_gen: cannot open " << options.data_dir << ": "
              << store.error().message << "\n";
    return 1;
  }
  domain::Limits limits;
  limits.api_key_max_seconds_to_live = -1;
  auto ledger = Ledger::Open(**store, limits);
  if (!ledger) {
    std::cerr << "keyledger_gen: " << ledger.error().message << "\n";
    return 1;
  }
  if (auto boot = keyledger::projections::Bootstrap(**ledger, "admin",
                                                   options.admin_password);
      !boot) {
    std::cerr << "keyledger_gen: bootstrap: " << boot.error().message << "\n";
    return 1;
  }
  CommandMeta admin;
  admin.actor.kind = domain::ActorKind::kServerAdmin;
  admin.actor.id = 1;
  admin.actor.login = "admin";
  admin.actor_is_server_admin = true;
  admin.actor_role = domain::Role::kAdmin;
  std::vector<int64_t> orgs{1};
  const uint64_t run_seed = std::random_device{}();
  for (int64_t i = 2; i <= options.orgs; ++i) {
    auto outcome = (*ledger)->Execute(
        domain::CreateOrg{"bench-org-" + std::to_string(run_seed % 100000) +
                          "-" + std::to_string(i)},
        admin);
    if (!outcome) {
      std::cerr << "keyledger_gen: create org: " << outcome.error().message
                << "\n";
      return 1;
    }
    orgs.push_back(std::get<domain::OrgCreated>(outcome->events.front()).org_id);
  }

  SecretSample sample(options.secrets_max);
  Counters counters;
  Generator generator(**ledger, sample, counters);
  // Work items: (org, keys) chunks, so that T threads share few orgs.
  constexpr int64_t kChunk = 200;
  struct Item { int64_t org, keys; uint64_t seed; };
  std::vector<Item> items;
  const int64_t per_org = options.keys / static_cast<int64_t>(orgs.size());
  int64_t rest = options.keys % static_cast<int64_t>(orgs.size());
  for (int64_t org : orgs) {
    int64_t n = per_org + (rest-- > 0 ? 1 : 0);
    for (int64_t done = 0; done < n; done += kChunk) {
      items.push_back({org, std::min(kChunk, n - done), run_seed + items.size()});
    }
  }
  std::shuffle(items.begin(), items.end(), std::mt19937_64(run_seed));
  std::atomic<size_t> next{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < options.threads; ++t) {
    threads.emplace_back([&] {
      for (size_t i; (i = next++) < items.size();) {
        generator.FillOrg(items[i].org, items[i].keys, items[i].seed, i);
      }
    });
  }
  std::atomic<bool> done{false};
  std::thread progress([&] {
    for (int tick = 1; !done.load(); ++tick) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (tick % 50 == 0) {
        std::cerr << "keyledger_gen: " << counters.keys.load() << " keys, "
                  << (*store)->LastPosition() << " events\n";
      }
    }
  });
  for (auto& t : threads) t.join();
  done = true;
  progress.join();
  for (int64_t org : orgs) {
    if (org % 10 == 0) generator.MigrateAll(org);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  // One synced write so that everything above is durable.
  if (auto s = (*store)->db().FlushWAL(true); !s.ok()) {
    std::cerr << "keyledger_gen: flush: " << s.ToString() << "\n";
    return 1;
  }
  if (!options.secrets_file.empty() && !sample.Write(options.secrets_file)) {
    std::cerr << "keyledger_gen: cannot write " << options.secrets_file << "\n";
    return 1;
  }
  std::cout << "keys=" << counters.keys.load()
            << " events=" << (*store)->LastPosition()
            << " commands=" << counters.commands.load()
            << " failed=" << counters.failures.load()
            << " secrets=" << sample.size() << " seconds=" << seconds
            << " events_per_s="
            << static_cast<int64_t>((*store)->LastPosition() / seconds) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  po::options_description desc("keyledger_gen options");
  desc.add_options()("help", "this text")(
      "data-dir", po::value(&o.data_dir)->required(), "data directory")(
      "keys", po::value(&o.keys)->default_value(o.keys),
      "keys and tokens to create")(
      "orgs", po::value(&o.orgs)->default_value(o.orgs), "organisations")(
      "threads", po::value(&o.threads)->default_value(o.threads),
      "concurrent command threads")(
      "admin-password",
      po::value(&o.admin_password)->default_value(o.admin_password),
      "server admin password (first start of the data dir)")(
      "secrets-file", po::value(&o.secrets_file),
      "write sampled live secrets here, one per line")(
      "secrets-max", po::value(&o.secrets_max)->default_value(o.secrets_max),
      "how many secrets to sample");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const std::exception& e) {
    std::cerr << "keyledger_gen: " << e.what() << "\n" << desc << "\n";
    return 2;
  }
  return Run(o);
}
