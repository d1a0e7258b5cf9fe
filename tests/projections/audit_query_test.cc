#define BOOST_TEST_MODULE audit_query_test
#include "projections/audit_query.h"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>

#include "domain/secret_hash.h"
#include "eventstore/event_store.h"
#include "projections/ledger.h"
#include "tests/eventstore/store_test_util.h"

namespace keyledger::projections {
namespace {

using eventstore::testing::TempDir;

CommandMeta AdminMeta(std::string request_id) {
  CommandMeta meta;
  meta.actor = {domain::ActorKind::kServerAdmin, 1, "admin"};
  meta.actor_is_server_admin = true;
  meta.actor_role = domain::Role::kAdmin;
  meta.request_id = std::move(request_id);
  meta.client_address = "10.0.0.9";
  return meta;
}

// A store with this history (positions in order):
//   1 OrgCreated "Main Org."      org 0   req-1
//   2 OrgCreated "Second"         org 0   req-2
//   3 ApiKeyCreated "k1" org 1             req-3
//   4 ApiKeyCreated "k2" org 2             req-4
//   5 ApiKeyCreated "k3" org 1             req-5
//   6 ApiKeyDeleted k1 (id 1) org 1        req-6
struct Fixture {
  Fixture() {
    store = eventstore::testing::OpenOrThrow(dir.path());
    auto opened = Ledger::Open(*store, domain::Limits{-1, -1});
    if (!opened) throw std::runtime_error(opened.error().message);
    ledger = std::move(*opened);
    Run(domain::CreateOrg{"Main Org."}, "req-1");
    Run(domain::CreateOrg{"Second"}, "req-2");
    Run(Key(1, "k1"), "req-3");
    Run(Key(2, "k2"), "req-4");
    Run(Key(1, "k3"), "req-5");
    Run(domain::DeleteApiKey{1, 1}, "req-6");
  }
  ~Fixture() {
    ledger.reset();
    store.reset();
  }

  static domain::Command Key(int64_t org, std::string name) {
    domain::CreateApiKey key;
    key.org_id = org;
    key.name = name;
    key.role = "Viewer";
    key.hash = domain::HashNewSecret("secret-" + name);
    return key;
  }
  void Run(const domain::Command& command, std::string request_id) {
    auto done = ledger->Execute(command, AdminMeta(std::move(request_id)));
    if (!done) throw std::runtime_error(done.error().message);
  }
  AuditPage Search(const AuditQuery& query) const {
    auto page = SearchAudit(*store, query);
    if (!page) throw std::runtime_error(page.error().message);
    return std::move(*page);
  }
  static std::vector<uint64_t> PositionsOf(const AuditPage& page) {
    std::vector<uint64_t> out;
    for (const AuditEntry& e : page.entries) out.push_back(e.position);
    return out;
  }

  TempDir dir;
  std::unique_ptr<eventstore::EventStore> store;
  std::unique_ptr<Ledger> ledger;
};

using Positions = std::vector<uint64_t>;

BOOST_FIXTURE_TEST_SUITE(audit_query, Fixture)

BOOST_AUTO_TEST_CASE(all_entries_are_listed_newest_first_with_their_fields) {
  const AuditPage page = Search({});
  BOOST_TEST(page.total_count == 6);
  BOOST_TEST(PositionsOf(page) == (Positions{6, 5, 4, 3, 2, 1}),
             boost::test_tools::per_element());
  const AuditEntry& deleted = page.entries.front();
  BOOST_TEST(deleted.action == "ApiKeyDeleted");
  BOOST_TEST(deleted.org_id == 1);
  BOOST_TEST(deleted.actor_kind == "server-admin");
  BOOST_TEST(deleted.actor_id == 1);
  BOOST_TEST(deleted.actor_login == "admin");
  BOOST_TEST(deleted.target_kind == "api-key");
  BOOST_TEST(deleted.target_id == 1);
  BOOST_TEST(deleted.target_name == "k1");
  BOOST_TEST(deleted.outcome == "success");
  BOOST_TEST(deleted.request_id == "req-6");
  BOOST_TEST(deleted.client_address == "10.0.0.9");
  BOOST_TEST(deleted.time_ms > 0);
}

BOOST_AUTO_TEST_CASE(org_filter_reads_only_that_orgs_entries) {
  AuditQuery query;
  query.org_id = 1;
  BOOST_TEST(PositionsOf(Search(query)) == (Positions{6, 5, 3}),
             boost::test_tools::per_element());
  query.org_id = 2;
  BOOST_TEST(PositionsOf(Search(query)) == (Positions{4}),
             boost::test_tools::per_element());
  query.org_id = 0;  // org creation is org-less
  BOOST_TEST(PositionsOf(Search(query)) == (Positions{2, 1}),
             boost::test_tools::per_element());
  query.org_id = 99;
  BOOST_TEST(Search(query).total_count == 0);
}

BOOST_AUTO_TEST_CASE(paging_counts_all_matches_and_returns_one_page) {
  AuditQuery query;
  query.per_page = 4;
  query.page = 2;
  AuditPage page = Search(query);
  BOOST_TEST(page.total_count == 6);
  BOOST_TEST(PositionsOf(page) == (Positions{2, 1}),
             boost::test_tools::per_element());
  query.page = 3;
  page = Search(query);
  BOOST_TEST(page.total_count == 6);
  BOOST_TEST(page.entries.empty());
  query = {};
  query.org_id = 1;
  query.per_page = 2;
  query.page = 2;
  page = Search(query);
  BOOST_TEST(page.total_count == 3);
  BOOST_TEST(PositionsOf(page) == (Positions{3}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(target_matches_kind_and_id_or_name) {
  AuditQuery query;
  query.target = "api-key:1";
  BOOST_TEST(PositionsOf(Search(query)) == (Positions{6, 3}),
             boost::test_tools::per_element());
  query.target = "k2";
  BOOST_TEST(PositionsOf(Search(query)) == (Positions{4}),
             boost::test_tools::per_element());
  query.target = "api-key:";
  BOOST_TEST(Search(query).total_count == 0);
}

BOOST_AUTO_TEST_CASE(actor_action_and_filters_combine) {
  AuditQuery query;
  query.actor = "server-admin:1";
  BOOST_TEST(Search(query).total_count == 6);
  query.actor = "admin";
  BOOST_TEST(Search(query).total_count == 6);
  query.actor = "user:1";
  BOOST_TEST(Search(query).total_count == 0);
  query.actor = "admin";
  query.action = "ApiKeyCreated";
  query.org_id = 1;
  query.per_page = 1;
  const AuditPage page = Search(query);
  BOOST_TEST(page.total_count == 2);
  BOOST_TEST(PositionsOf(page) == (Positions{5}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(time_range_is_inclusive) {
  const AuditPage all = Search({});
  const int64_t newest = all.entries.front().time_ms;
  const int64_t oldest = all.entries.back().time_ms;
  AuditQuery query;
  query.from_ms = oldest;
  query.to_ms = newest;
  BOOST_TEST(Search(query).total_count == 6);
  query.from_ms = newest + 1;
  query.to_ms.reset();
  BOOST_TEST(Search(query).total_count == 0);
  query.from_ms.reset();
  query.to_ms = oldest - 1;
  BOOST_TEST(Search(query).total_count == 0);
}

BOOST_AUTO_TEST_CASE(bad_paging_is_invalid_argument) {
  AuditQuery query;
  query.page = 0;
  auto result = SearchAudit(*store, query);
  BOOST_TEST_REQUIRE(!result.has_value());
  BOOST_TEST(static_cast<int>(result.error().code) ==
             static_cast<int>(domain::ErrorCode::kInvalidArgument));
  query.page = 1;
  query.per_page = kMaxAuditPerPage + 1;
  BOOST_TEST(!SearchAudit(*store, query).has_value());
  query.per_page = 0;
  BOOST_TEST(!SearchAudit(*store, query).has_value());
  query.per_page = kMaxAuditPerPage;
  query.page = std::numeric_limits<int64_t>::max();
  auto far = SearchAudit(*store, query);
  BOOST_TEST_REQUIRE(far.has_value());
  BOOST_TEST(far->total_count == 6);
  BOOST_TEST(far->entries.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::projections
