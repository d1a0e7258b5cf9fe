#define BOOST_TEST_MODULE view_writer_test
#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

#include "domain/secret_hash.h"
#include "projections/view_writer.h"

namespace d = keyledger::domain;
namespace p = keyledger::projections;

namespace {

using Rows = std::vector<std::pair<std::string, std::string>>;

// Keys, tokens and accounts in orgs whose ids differ beyond their last
// byte, with names whose text order is not their byte order, and ids that
// cross a byte boundary too.
d::State MakeState() {
  d::State state;
  int64_t next_id = 230;
  for (int64_t org : {1, 2, 256, 300}) {
    d::Evolve(state, d::OrgCreated{org, "org " + std::to_string(org), 0});
    for (std::string name : {"zeta", "\xc3\xa9t\xc3\xa9", "Alpha", "a", "ab"}) {
      const std::string scoped = std::to_string(org) + name;
      const d::HashedSecret key_hash{d::HashScheme::kSha256,
                                     d::Sha256Hex(scoped)};
      const d::HashedSecret token_hash{d::HashScheme::kSha256,
                                       d::Sha256Hex(scoped + " token")};
      const int64_t account = next_id++;
      d::Evolve(state,
                d::ServiceAccountCreated{org, account, name, "sa-" + scoped,
                                         d::Role::kViewer, false, 0});
      d::Evolve(state, d::ApiKeyCreated{org, next_id++, name, d::Role::kEditor,
                                        key_hash, 0, std::nullopt});
      d::Evolve(state,
                d::TokenCreated{org, account, next_id++, name + " token",
                                d::Role::kViewer, token_hash, 0, std::nullopt});
    }
  }
  return state;
}

// The rows of a state view, part after part.
Rows RowsOf(const d::State& state, p::View view) {
  Rows rows;
  for (const p::RowProducer& part : p::StateRowParts(state, view)) {
    part([&rows](std::string_view key, std::string_view value) {
      rows.emplace_back(key, value);
    });
  }
  return rows;
}

bool StrictlyAscending(const Rows& rows) {
  for (size_t i = 1; i < rows.size(); ++i) {
    if (!(rows[i - 1].first < rows[i].first)) return false;
  }
  return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(state_rows_come_in_strictly_ascending_key_order) {
  const d::State state = MakeState();
  const Rows keys = RowsOf(state, p::View::kKeys);
  const Rows accounts = RowsOf(state, p::View::kServiceAccounts);
  const Rows identity = RowsOf(state, p::View::kIdentity);
  BOOST_TEST(keys.size() == 3 * state.keys.size());
  BOOST_TEST(accounts.size() == 2 * state.service_accounts.size());
  BOOST_TEST(identity.size() == state.orgs.size() + state.users.size() + 1);
  BOOST_TEST(StrictlyAscending(keys));
  BOOST_TEST(StrictlyAscending(accounts));
  BOOST_TEST(StrictlyAscending(identity));
  BOOST_TEST(RowsOf(state, p::View::kAudit).empty());
}

// The 'n' and 'l' rows follow the State's (org, name) indexes; records the
// indexes miss still get their rows.
BOOST_AUTO_TEST_CASE(state_rows_do_not_depend_on_the_name_indexes) {
  const d::State state = MakeState();
  d::State unindexed = state;
  unindexed.key_by_org_name.clear();
  unindexed.sa_by_org_login.clear();
  BOOST_TEST(
      (RowsOf(unindexed, p::View::kKeys) == RowsOf(state, p::View::kKeys)));
  BOOST_TEST((RowsOf(unindexed, p::View::kServiceAccounts) ==
              RowsOf(state, p::View::kServiceAccounts)));
}

// The 'i' rows are found by looking each id up, up to the State's id
// counters; records outside them (a log that skips Bump) still get theirs.
BOOST_AUTO_TEST_CASE(state_rows_do_not_depend_on_the_id_counters) {
  const d::State state = MakeState();
  d::State uncounted = state;
  uncounted.next_key_id = 240;
  uncounted.next_user_id = 1;
  BOOST_TEST(
      (RowsOf(uncounted, p::View::kKeys) == RowsOf(state, p::View::kKeys)));
  BOOST_TEST((RowsOf(uncounted, p::View::kServiceAccounts) ==
              RowsOf(state, p::View::kServiceAccounts)));
}

BOOST_AUTO_TEST_CASE(checkpoint_rows_come_in_key_order) {
  Rows rows;
  p::ForEachCheckpointRow(
      7, p::ViewSet::All(),
      [&rows](std::string_view key, std::string_view value) {
        rows.emplace_back(key, value);
      });
  BOOST_TEST(rows.size() == 4u);
  BOOST_TEST(StrictlyAscending(rows));
  for (const auto& [view, position] : rows) {
    BOOST_TEST(position == std::string("\0\0\0\0\0\0\0\x07", 8));
  }
}
