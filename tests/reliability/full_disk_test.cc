// Full disk: `keyledger serve` keeps its data on a small tmpfs that the test
// fills. Writes then answer 503 with a clear JSON message, reads keep
// working, no refused write appears (in memory, in the views, or after a
// restart), and once space is freed writes work again and `keyledger verify`
// and `rebuild --verify` pass.
//
// Needs mount(2) (root or CAP_SYS_ADMIN). Without it the test exits 77,
// which ctest reports as skipped (SKIP_RETURN_CODE), after saying why.

#define BOOST_TEST_MODULE reliability_full_disk_test
#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <iostream>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/http/test_client.h"
#include "tests/reliability/reliability_util.h"
#include "tests/reliability/server_process.h"

namespace keyledger::testing {
namespace {

using http::testing::TestClient;
using http::testing::TestHeaders;
using http::testing::TestResponse;

// A tmpfs of `size` mounted on `dir` for the lifetime of the object.
class TmpfsMount {
 public:
  TmpfsMount(const std::filesystem::path& dir, const std::string& size)
      : dir_(dir) {
    std::filesystem::create_directories(dir_);
    const std::string options = "size=" + size + ",mode=0700";
    if (mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      error_ = std::strerror(errno);
    } else {
      mounted_ = true;
    }
  }
  ~TmpfsMount() {
    if (mounted_) umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  std::filesystem::path dir_;
  bool mounted_ = false;
  std::string error_;
};

// Writes `path` until the file system is full. Returns the bytes written.
size_t FillDisk(const std::filesystem::path& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  BOOST_REQUIRE(fd >= 0);
  std::vector<char> chunk(64 * 1024, 'x');
  size_t total = 0;
  for (size_t size = chunk.size(); size >= 1;) {
    const ssize_t n = write(fd, chunk.data(), size);
    if (n > 0) {
      total += static_cast<size_t>(n);
    } else {
      BOOST_REQUIRE_MESSAGE(errno == ENOSPC, "fill: " << std::strerror(errno));
      size /= 2;  // fill the last pages too
    }
    BOOST_REQUIRE(total < (size_t{1} << 30));
  }
  close(fd);
  return total;
}

std::string KeyBody(const std::string& name) {
  return R"({"name":")" + name + R"(","role":"Viewer","secondsToLive":86400})";
}

std::set<std::string> ListedKeyNames(TestClient& client) {
  TestResponse r = client.Request("GET", "/api/auth/keys?includeExpired=true",
                                  {}, {{"Authorization", AdminBasic()}});
  BOOST_REQUIRE_EQUAL(r.status, 200);
  std::set<std::string> names;
  const boost::json::value list = r.Json();
  for (const auto& k : list.as_array())
    names.insert(std::string(k.at("name").as_string()));
  return names;
}

BOOST_AUTO_TEST_SUITE(full_disk)

BOOST_AUTO_TEST_CASE(
    writes_answer_503_on_a_full_disk_and_work_again_once_space_is_freed) {
  TempDir dir;
  TmpfsMount tmpfs(dir.path() / "mnt", "48m");
  if (!tmpfs.mounted()) {
    std::cout << "SKIPPED: cannot mount a tmpfs (" << tmpfs.error()
              << "); the full-disk test needs root or CAP_SYS_ADMIN\n";
    std::exit(77);
  }
  ServerProcess server(dir.path(), dir.path() / "mnt" / "data");
  server.Start();
  TestClient client(server.port(), Options(std::chrono::seconds(30)));
  const TestHeaders admin = {{"Authorization", AdminBasic()}};
  BOOST_REQUIRE_EQUAL(
      client.Request("POST", "/api/auth/keys", KeyBody("before"), admin).status,
      200);

  const std::filesystem::path filler = dir.path() / "mnt" / "filler";
  BOOST_TEST_MESSAGE("filled " << FillDisk(filler) << " bytes");

  // Write until the store runs out of space (the WAL may have preallocated
  // room left). Several writers, so group commits fail as a group too.
  std::mutex mutex;
  std::set<std::string> accepted, refused;
  std::vector<std::string> refusal_bodies;
  std::atomic<bool> full{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      TestClient c(server.port(), Options(std::chrono::seconds(30)));
      for (int i = 0; i < 20000 && !full; ++i) {
        const std::string name =
            "fill-" + std::to_string(t) + "-" + std::to_string(i);
        TestResponse r;
        try {
          r = c.Request("POST", "/api/auth/keys", KeyBody(name), admin);
        } catch (const std::exception& e) {
          // The connection broke: the server died (checked below).
          std::lock_guard lock(mutex);
          refusal_bodies.push_back(std::string("no answer: ") + e.what());
          full = true;
          return;
        }
        std::lock_guard lock(mutex);
        if (r.status == 200) {
          accepted.insert(name);
        } else {
          refused.insert(name);
          refusal_bodies.push_back(std::to_string(r.status) + " " + r.body);
          if (r.status == 503) full = true;
        }
      }
    });
  }
  for (std::thread& w : writers) w.join();
  BOOST_TEST_MESSAGE(accepted.size()
                     << " writes accepted before the disk was full");
  BOOST_REQUIRE_MESSAGE(full.load(), "no write was refused on a full disk");
  BOOST_REQUIRE_MESSAGE(server.running() && kill(server.pid(), 0) == 0,
                        "the server died on a full disk: " << server.Log());
  for (const std::string& body : refusal_bodies) {
    BOOST_TEST(body.starts_with("503 "), body);
    BOOST_TEST(body.find("\"message\"") != std::string::npos, body);
    BOOST_TEST(body.find("disk is full") != std::string::npos, body);
  }

  // While full: more writes are refused the same way, reads work.
  TestResponse again =
      client.Request("POST", "/api/auth/keys", KeyBody("while-full"), admin);
  BOOST_TEST(again.status == 503);
  BOOST_TEST(again.Json().at("message").as_string().size() > 0u);
  refused.insert("while-full");
  TestResponse sa =
      client.Request("POST", "/api/serviceaccounts",
                     R"({"name":"sa-while-full","role":"Viewer"})", admin);
  BOOST_TEST(sa.status == 503);
  const std::set<std::string> listed = ListedKeyNames(client);
  BOOST_TEST(listed.contains("before"));
  for (const std::string& name : accepted)
    BOOST_TEST(listed.contains(name), name);
  for (const std::string& name : refused)
    BOOST_TEST(!listed.contains(name), name);
  BOOST_TEST(
      client.Request("GET", "/api/serviceaccounts/search", {}, admin).status ==
      200);
  BOOST_TEST(client.Request("GET", "/api/audit?perpage=5", {}, admin).status ==
             200);
  BOOST_TEST(client.Request("GET", "/api/health").status <
             500 + 100);  // answers at all

  // Free the space: writes work again (RocksDB retries on its own; bounded).
  std::filesystem::remove(filler);
  int status = 0;
  for (int i = 0; i < 120 && status != 200; ++i) {
    status = client
                 .Request("POST", "/api/auth/keys",
                          KeyBody("after-" + std::to_string(i)), admin)
                 .status;
    if (status == 200) {
      accepted.insert("after-" + std::to_string(i));
    } else {
      BOOST_TEST(status == 503);
      refused.insert("after-" + std::to_string(i));
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  }
  BOOST_REQUIRE_MESSAGE(status == 200,
                        "writes did not recover within 60 s of freeing space");
  BOOST_TEST(client
                 .Request("POST", "/api/serviceaccounts",
                          R"({"name":"sa-after","role":"Viewer"})", admin)
                 .status == 201);

  // Nothing refused appears, also after a restart; the log and views agree.
  BOOST_REQUIRE(server.Stop());
  const CommandResult verify =
      RunCommand({"verify", "--data-dir", server.data_dir()});
  BOOST_TEST(verify.exit_code == 0, verify.output);
  const CommandResult rebuild =
      RunCommand({"rebuild", "--data-dir", server.data_dir(), "--verify"});
  BOOST_TEST(rebuild.exit_code == 0, rebuild.output);
  server.Start();
  TestClient after(server.port(), Options(std::chrono::seconds(30)));
  const std::set<std::string> relisted = ListedKeyNames(after);
  for (const std::string& name : accepted)
    BOOST_TEST(relisted.contains(name), name);
  for (const std::string& name : refused)
    BOOST_TEST(!relisted.contains(name), name);
  BOOST_TEST(server.Stop());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::testing
