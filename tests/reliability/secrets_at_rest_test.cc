// No secret is ever stored: keys and tokens are created (and used, retried,
// migrated) through the real `keyledger serve`; after it stops, every file of
// the data directory, every key and value of every column family (read
// through RocksDB) and the server's log output are searched for each secret's
// random part. Also: answers that show a secret carry Cache-Control: no-store,
// and the web UI carries a strict CSP, nosniff and X-Frame-Options: DENY.

#define BOOST_TEST_MODULE reliability_secrets_at_rest_test
#include <rocksdb/db.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/http/test_client.h"
#include "tests/reliability/reliability_util.h"
#include "tests/reliability/server_process.h"

namespace keyledger::testing {
namespace {

using http::testing::TestClient;
using http::testing::TestHeaders;
using http::testing::TestResponse;

// The random part of a presented secret: a token's middle part, or the "k"
// of a legacy key's base64 JSON.
std::string RandomPart(const std::string& secret) {
  if (secret.starts_with("gl")) {
    const size_t first = secret.find('_');
    const size_t last = secret.rfind('_');
    return secret.substr(first + 1, last - first - 1);
  }
  unsigned char decoded[512];
  const int n = EVP_DecodeBlock(
      decoded, reinterpret_cast<const unsigned char*>(secret.data()),
      static_cast<int>(secret.size()));
  BOOST_REQUIRE(n > 0);
  std::string json(reinterpret_cast<char*>(decoded), static_cast<size_t>(n));
  json.resize(json.rfind('}') + 1);  // EVP_DecodeBlock keeps padding zeros
  return std::string(boost::json::parse(json).at("k").as_string());
}

// Every key and value of every column family of the database in `dir`.
std::vector<std::string> AllColumnFamilyContents(
    const std::string& dir, std::vector<std::string>& families) {
  rocksdb::Options options;
  BOOST_REQUIRE(rocksdb::DB::ListColumnFamilies(options, dir, &families).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& f : families)
    descriptors.emplace_back(f, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status s =
      rocksdb::DB::OpenForReadOnly(options, dir, descriptors, &handles, &raw);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::vector<std::string> contents;
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    std::string all;
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), handle));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      all += it->key().ToString();
      all += '\n';
      all += it->value().ToString();
      all += '\n';
    }
    BOOST_REQUIRE(it->status().ok());
    contents.push_back(std::move(all));
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    BOOST_REQUIRE(db->DestroyColumnFamilyHandle(handle).ok());
  }
  return contents;
}

BOOST_AUTO_TEST_SUITE(secrets_at_rest)

BOOST_AUTO_TEST_CASE(no_secret_is_found_in_files_column_families_or_logs) {
  TempDir dir;
  ServerProcess server(dir.path());
  server.Start();
  TestClient client(server.port(), Options(std::chrono::seconds(20)));
  const TestHeaders admin = {{"Authorization", AdminBasic()}};
  std::vector<std::string> secrets;
  const std::string marker =
      "marker-name-7f3a9c";  // stored: a positive control

  for (int i = 0; i < 3; ++i) {
    TestHeaders headers = admin;
    headers.emplace_back("Idempotency-Key", "idem-key-" + std::to_string(i));
    const std::string body = R"({"name":")" + marker + "-key-" +
                             std::to_string(i) +
                             R"(","role":"Admin","secondsToLive":86400})";
    TestResponse r = client.Request("POST", "/api/auth/keys", body, headers);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.Header("Cache-Control") == "no-store");
    secrets.push_back(std::string(r.Json().at("key").as_string()));
    // An idempotent retry answers the same secret (from memory), no-store.
    TestResponse retry =
        client.Request("POST", "/api/auth/keys", body, headers);
    BOOST_TEST(retry.status == 200);
    BOOST_TEST(retry.body == r.body);
    BOOST_TEST(retry.Header("Cache-Control") == "no-store");
  }
  TestResponse sa =
      client.Request("POST", "/api/serviceaccounts",
                     R"({"name":"robot","role":"Editor"})", admin);
  BOOST_REQUIRE_EQUAL(sa.status, 201);
  const std::string tokens = "/api/serviceaccounts/" +
                             std::to_string(sa.Json().at("id").as_int64()) +
                             "/tokens";
  for (int i = 0; i < 3; ++i) {
    TestResponse r = client.Request(
        "POST", tokens,
        R"({"name":"tok-)" + std::to_string(i) + R"(","secondsToLive":86400})",
        admin);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.Header("Cache-Control") == "no-store");
    secrets.push_back(std::string(r.Json().at("key").as_string()));
  }
  // Use every secret (Bearer and Basic api_key:), migrate a key, fail auth
  // with a tampered secret: each leaves events, views and log lines behind.
  for (const std::string& secret : secrets) {
    BOOST_TEST(client
                   .Request("GET", "/api/auth/verify", {},
                            {{"Authorization", "Bearer " + secret}})
                   .status == 200);
    BOOST_TEST(client
                   .Request("GET", "/api/auth/verify", {},
                            {{"Authorization",
                              "Basic " + Base64("api_key:" + secret)}})
                   .status == 200);
    std::string tampered = secret;
    tampered[tampered.size() / 2] =
        tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
    BOOST_TEST(client
                   .Request("GET", "/api/auth/verify", {},
                            {{"Authorization", "Bearer " + tampered}})
                   .status == 401);
  }
  BOOST_TEST(client.Request("POST", "/api/serviceaccounts/migrate", {}, admin)
                 .status == 200);
  // The key-use recorder writes in the background: give it its interval.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  BOOST_REQUIRE(server.Stop());

  std::vector<std::string> needles;
  for (const std::string& s : secrets) {
    const std::string random = RandomPart(s);
    BOOST_REQUIRE_EQUAL(random.size(), 32u);
    needles.push_back(random);
    needles.push_back(s);
  }
  // 1. Every file of the data directory, raw bytes.
  int files = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(server.data_dir())) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string bytes = ReadFile(entry.path());
    for (const std::string& needle : needles) {
      BOOST_TEST(bytes.find(needle) == std::string::npos,
                 "secret found in " << entry.path());
    }
  }
  BOOST_TEST(files > 5);
  // 2. Every column family, through RocksDB (values may be compressed on disk).
  std::vector<std::string> families;
  const std::vector<std::string> contents =
      AllColumnFamilyContents(server.data_dir().string(), families);
  BOOST_TEST(families.size() >= 12u);  // default + every family of cf::All()
  std::string everything;
  for (size_t i = 0; i < contents.size(); ++i) {
    for (const std::string& needle : needles) {
      BOOST_TEST(contents[i].find(needle) == std::string::npos,
                 "secret found in column family " << families[i]);
    }
    everything += contents[i];
  }
  // Positive control: the search does see what is stored.
  BOOST_TEST(everything.find(marker + "-key-2") != std::string::npos);
  // 3. The server's output (access log, errors, start-up lines).
  const std::string logs = server.AllLogs();
  BOOST_TEST(logs.find("/api/auth/verify") != std::string::npos);  // it did log
  for (const std::string& needle : needles) {
    BOOST_TEST(logs.find(needle) == std::string::npos,
               "secret found in the server log");
  }
}

BOOST_AUTO_TEST_CASE(web_ui_is_served_with_strict_security_headers) {
  TempDir dir;
  ServerProcess server(dir.path());
  server.Start();
  TestClient client(server.port(), Options(std::chrono::seconds(20)));
  for (const char* path :
       {"/", "/index.html", "/assets/app.js", "/assets/app.css"}) {
    TestResponse r = client.Request("GET", path);
    BOOST_TEST_CONTEXT(path) {
      BOOST_TEST(r.status == 200);
      const std::string csp = r.Header("Content-Security-Policy");
      BOOST_TEST(csp.find("default-src 'self'") != std::string::npos);
      BOOST_TEST(csp.find("script-src 'self'") != std::string::npos);
      BOOST_TEST(csp.find("frame-ancestors 'none'") != std::string::npos);
      BOOST_TEST(csp.find("unsafe-inline") == std::string::npos);
      BOOST_TEST(csp.find("unsafe-eval") == std::string::npos);
      BOOST_TEST(r.Header("X-Content-Type-Options") == "nosniff");
      BOOST_TEST(r.Header("X-Frame-Options") == "DENY");
    }
  }
  // API answers (errors included) are never cached and never framed.
  TestResponse api = client.Request("GET", "/api/auth/keys");
  BOOST_TEST(api.status == 401);
  BOOST_TEST(api.Header("Cache-Control") == "no-store");
  BOOST_TEST(api.Header("X-Frame-Options") == "DENY");
  BOOST_TEST(server.Stop());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::testing
