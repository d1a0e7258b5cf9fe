#define BOOST_TEST_MODULE ledger_views_test
#include <boost/test/unit_test.hpp>

#include "ledger_fixture.h"
#include "projections/rebuild.h"
#include "projections/state_loader.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <filesystem>
#include <fstream>

namespace d = keyledger::domain;
namespace p = keyledger::projections;
using keyledger::testing::LedgerFixture;

namespace {

// A history with every kind of change: keys, tokens, accounts, migrate one,
// migrate all, revert, revoke, delete, key use. Returns ids for checks.
struct History {
  int64_t deleted_key, migrated_key, reverted_key, account, token, revoked;
  int64_t reverted_account;
};

History Script(LedgerFixture& f) {
  History h{};
  h.deleted_key = f.CreateKey("doomed");
  f.Run(d::DeleteApiKey{1, h.deleted_key});
  h.migrated_key = f.CreateKey("alpha");
  f.Run(d::MigrateKey{1, h.migrated_key});
  h.reverted_key = f.CreateKey("beta");
  f.Run(d::MigrateKey{1, h.reverted_key});
  const d::State state = f.StateCopy();
  h.reverted_account = *state.keys.at(h.reverted_key).service_account_id;
  f.Run(d::RevertToken{1, h.reverted_account, h.reverted_key});
  h.account = f.CreateServiceAccount("robot");
  h.token = f.CreateToken(h.account, "robot-token");
  h.revoked = f.CreateToken(h.account, "robot-token-2");
  f.Run(d::RevokeToken{1, h.account, h.revoked});
  f.now += 10;
  f.Run(d::RecordKeyUse{1, {{h.token, f.now.load()}}});
  f.CreateKey("gamma");
  f.Run(d::MigrateAll{1});
  f.Run(d::HideApiKeys{1});
  return h;
}

}  // namespace

BOOST_AUTO_TEST_CASE(views_hold_the_expected_records_after_a_scripted_history) {
  LedgerFixture f;
  const History h = Script(f);
  const d::State state = f.StateCopy();
  BOOST_TEST(!state.keys.contains(h.deleted_key));
  BOOST_TEST(state.keys.at(h.migrated_key).service_account_id.has_value());
  // beta was reverted to a legacy key, then migrated again by MigrateAll.
  BOOST_TEST(!state.service_accounts.contains(h.reverted_account));
  BOOST_TEST(state.keys.at(h.reverted_key).service_account_id.has_value());
  BOOST_TEST(state.keys.at(h.revoked).revoked);
  BOOST_TEST((state.keys.at(h.token).last_used == std::optional<int64_t>(f.now.load())));
  BOOST_TEST(state.service_accounts.at(h.account).token_count == 2);
  BOOST_TEST(state.orgs.at(1).api_keys_migrated);
  BOOST_TEST(state.orgs.at(1).api_keys_hidden);
  for (const auto& [id, key] : state.keys) {
    BOOST_TEST(key.service_account_id.has_value(), "key " << id << " is still legacy");
  }
}

BOOST_AUTO_TEST_CASE(the_views_loaded_from_disk_equal_the_live_state) {
  LedgerFixture f;
  Script(f);
  auto loaded = p::LoadState(*f.store);
  BOOST_TEST_REQUIRE(loaded.has_value());
  BOOST_TEST((*loaded == f.StateCopy()));
}

BOOST_AUTO_TEST_CASE(a_rebuilt_view_is_byte_for_byte_the_incremental_one) {
  LedgerFixture f;
  Script(f);
  auto rebuilt = p::ComputeViewRows(*f.store, p::ViewSet::All());
  auto live = p::ReadViewRows(*f.store, p::ViewSet::All());
  BOOST_TEST_REQUIRE(rebuilt.has_value());
  BOOST_TEST_REQUIRE(live.has_value());
  const auto diffs = p::DiffViewRows(*rebuilt, *live);
  for (const auto& diff : diffs) BOOST_TEST_MESSAGE(diff);
  BOOST_TEST(diffs.empty());
  BOOST_TEST(live->at("view_audit").size() == f.store->LastPosition());
}

BOOST_AUTO_TEST_CASE(rebuild_detects_a_changed_view_row) {
  LedgerFixture f;
  Script(f);
  // Corrupt one key row behind the ledger's back.
  auto* keys = f.store->column_family("view_keys");
  std::string first_key;
  {
    std::unique_ptr<rocksdb::Iterator> it(f.store->db().NewIterator({}, keys));
    it->SeekToFirst();
    BOOST_TEST_REQUIRE(it->Valid());
    first_key = it->key().ToString();
  }
  BOOST_TEST_REQUIRE(f.store->db().Put({}, keys, first_key, "tampered").ok());
  auto rebuilt = p::ComputeViewRows(*f.store, p::ViewSet::Of(p::View::kKeys));
  auto live = p::ReadViewRows(*f.store, p::ViewSet::Of(p::View::kKeys));
  BOOST_TEST_REQUIRE((rebuilt && live));
  BOOST_TEST(p::DiffViewRows(*rebuilt, *live).size() == 1u);
}

BOOST_AUTO_TEST_CASE(rebuild_views_restores_dropped_rows_and_checkpoints) {
  LedgerFixture f;
  Script(f);
  auto before = p::ReadViewRows(*f.store, p::ViewSet::All());
  const d::State state = f.StateCopy();
  f.Close();
  auto store = keyledger::eventstore::EventStore::Open(f.dir.string());
  BOOST_TEST_REQUIRE(store.has_value());
  auto rebuilt = p::RebuildViews(**store, p::ViewSet::All());
  BOOST_TEST_REQUIRE(rebuilt.has_value());
  BOOST_TEST((*rebuilt == state));
  auto after = p::ReadViewRows(**store, p::ViewSet::All());
  BOOST_TEST(p::DiffViewRows(*before, *after).empty());
  for (p::View view : p::kAllViews) {
    BOOST_TEST(*p::ReadCheckpoint(**store, view) == (*store)->LastPosition());
  }
}

// Rebuilt rows are written in key order to SST files: names that sort
// differently as text and as bytes, and several orgs, must come out as the
// incremental rows are.
BOOST_AUTO_TEST_CASE(rebuilt_rows_of_many_orgs_and_names_equal_the_incremental_ones) {
  LedgerFixture f;
  const auto created = f.Run(d::CreateOrg{"second"});
  const int64_t second = std::get<d::OrgCreated>(created.events.front()).org_id;
  for (int64_t org : {int64_t{1}, second}) {
    for (std::string name : {"zeta", "\xc3\xa9t\xc3\xa9", "Alpha", "a", "ab"}) {
      f.CreateKey(name, org);
      const int64_t account = f.CreateServiceAccount(name + " robot", org);
      f.CreateToken(account, name + " token", org);
    }
  }
  auto before = p::ReadViewRows(*f.store, p::ViewSet::All());
  const d::State state = f.StateCopy();
  f.Close();
  auto store = keyledger::eventstore::EventStore::Open(f.dir.string());
  BOOST_TEST_REQUIRE(store.has_value());
  auto rebuilt = p::RebuildViews(**store, p::ViewSet::All());
  BOOST_TEST_REQUIRE(rebuilt.has_value());
  BOOST_TEST((*rebuilt == state));
  auto after = p::ReadViewRows(**store, p::ViewSet::All());
  const auto diffs = p::DiffViewRows(*before, *after);
  for (const auto& diff : diffs) BOOST_TEST_MESSAGE(diff);
  BOOST_TEST(diffs.empty());
}

BOOST_AUTO_TEST_CASE(repeated_rebuilds_give_the_same_rows_and_leave_no_files_behind) {
  LedgerFixture f;
  Script(f);
  auto before = p::ReadViewRows(*f.store, p::ViewSet::All());
  f.Close();
  // What a rebuild killed while writing its SST files leaves behind.
  const std::filesystem::path scratch = f.dir / "rebuild-sst";
  std::filesystem::create_directories(scratch);
  std::ofstream(scratch / "view_keys.sst") << "partial";
  auto store = keyledger::eventstore::EventStore::Open(f.dir.string());
  BOOST_TEST_REQUIRE(store.has_value());
  for (int round = 0; round < 3; ++round) {
    BOOST_TEST_REQUIRE(p::RebuildViews(**store, p::ViewSet::All()).has_value());
    auto after = p::ReadViewRows(**store, p::ViewSet::All());
    BOOST_TEST(p::DiffViewRows(*before, *after).empty(), "round " << round);
  }
  BOOST_TEST(!std::filesystem::exists(scratch));
}

// The ledger rebuilds the audit view and the state views separately.
BOOST_AUTO_TEST_CASE(rebuilding_some_views_leaves_the_others_as_they_were) {
  LedgerFixture f;
  Script(f);
  auto before = p::ReadViewRows(*f.store, p::ViewSet::All());
  f.Close();
  auto store = keyledger::eventstore::EventStore::Open(f.dir.string());
  BOOST_TEST_REQUIRE(store.has_value());
  for (p::ViewSet views :
       {p::ViewSet::Of(p::View::kAudit), p::ViewSet::StateViews(),
        p::ViewSet::Of(p::View::kKeys)}) {
    BOOST_TEST_REQUIRE(p::RebuildViews(**store, views).has_value());
    auto after = p::ReadViewRows(**store, p::ViewSet::All());
    BOOST_TEST(p::DiffViewRows(*before, *after).empty());
    for (p::View view : p::kAllViews) {
      BOOST_TEST(*p::ReadCheckpoint(**store, view) == (*store)->LastPosition());
    }
  }
}

BOOST_AUTO_TEST_CASE(reopening_keeps_the_state_without_replaying_the_log) {
  LedgerFixture f;
  Script(f);
  const d::State state = f.StateCopy();
  f.Reopen();
  BOOST_TEST((f.StateCopy() == state));
  // New commands after a reopen allocate fresh ids (counters persisted).
  const int64_t next = f.CreateServiceAccount("after-reopen");
  BOOST_TEST(next == state.next_user_id);
}

BOOST_AUTO_TEST_CASE(a_dropped_view_is_caught_up_on_open) {
  LedgerFixture f;
  Script(f);
  auto before = p::ReadViewRows(*f.store, p::ViewSet::All());
  // Drop the audit view and its checkpoint, as an upgrade adding it would.
  {
    rocksdb::WriteBatch batch;
    for (auto family : p::ViewColumnFamilies(p::View::kAudit)) {
      batch.DeleteRange(f.store->column_family(std::string(family)), "",
                        std::string(16, '\xff'));
    }
    batch.Delete(f.store->column_family("checkpoints"), "audit");
    BOOST_TEST_REQUIRE(f.store->db().Write({}, &batch).ok());
  }
  f.Reopen();
  auto after = p::ReadViewRows(*f.store, p::ViewSet::All());
  BOOST_TEST(p::DiffViewRows(*before, *after).empty());
}

BOOST_AUTO_TEST_CASE(a_rejected_command_writes_nothing) {
  LedgerFixture f;
  f.CreateKey("same");
  const uint64_t position = f.store->LastPosition();
  const d::State state = f.StateCopy();
  BOOST_TEST(!f.RunExpectingError(d::CreateApiKey{1, "same", "Viewer", {60, {}},
                                                  {d::HashScheme::kSha256, "ab"}})
                  .empty());
  BOOST_TEST(f.store->LastPosition() == position);
  BOOST_TEST((f.StateCopy() == state));
}
