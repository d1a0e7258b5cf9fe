// `keyledger serve` and the signals that stop it: a SIGTERM that comes
// while the server starts (from the moment its data directory is open)
// stops it cleanly, with status 0, rather than killing it midway; it then
// starts again as usual.

#define BOOST_TEST_MODULE reliability_serve_signals_test
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/http/test_client.h"
#include "tests/reliability/server_process.h"

namespace keyledger::testing {
namespace {

using http::testing::TestClient;

// Files in `dir` whose names end with `suffix`.
int FilesEndingWith(const std::filesystem::path& dir, const std::string& suffix) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    count += entry.path().string().ends_with(suffix);
  }
  return count;
}

BOOST_AUTO_TEST_SUITE(serve_signals)

BOOST_AUTO_TEST_CASE(sigterm_while_starting_stops_cleanly) {
  TempDir dir;
  ServerProcess server(dir.path());
  server.Launch();
  // RocksDB makes the lock file when it opens the store, before the State
  // loads and before a first start creates its admin.
  const auto lock = server.data_dir() / "LOCK";
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!std::filesystem::exists(lock) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  BOOST_REQUIRE(std::filesystem::exists(lock));
  BOOST_TEST(server.Stop(), server.Log());  // exited with status 0
  BOOST_TEST(server.Log().find("keyledger: stopping") != std::string::npos,
             server.Log());
  BOOST_TEST(FilesEndingWith(server.data_dir(), ".dbtmp") == 0);

  server.Start();
  BOOST_TEST(TestClient(server.port()).Request("GET", "/api/health").status ==
             200);
  BOOST_TEST(server.Stop(), server.Log());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::testing
