// HTTPS through `keyledger serve`: `[server] protocol = https` with cert_file
// and cert_key (from a config file, and from KEYLEDGER_SERVER_* variables)
// serves the API over TLS with a self-signed certificate made here; a client
// that verifies against that certificate works, plain HTTP gets no answer.

#define BOOST_TEST_MODULE reliability_serve_https_test
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "tests/http/test_client.h"
#include "tests/reliability/reliability_util.h"
#include "tests/reliability/server_process.h"

namespace keyledger::testing {
namespace {

using http::testing::TestClient;
using http::testing::TestClientOptions;
using http::testing::TestResponse;

// Makes a self-signed certificate for 127.0.0.1 in `dir`.
void MakeCertificate(const std::filesystem::path& dir) {
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
      "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
      (dir / "key.pem").string() + "' -out '" + (dir / "cert.pem").string() +
      "' >/dev/null 2>&1";
  BOOST_REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "openssl failed");
}

void ExpectTlsWorks(ServerProcess& server, const std::filesystem::path& dir) {
  BOOST_TEST(server.Log().find("listening on https://") != std::string::npos,
             server.Log());
  TestClientOptions tls;
  tls.tls = true;
  tls.ca_file = (dir / "cert.pem").string();
  TestClient client(server.port(), tls);
  TestResponse health = client.Request("GET", "/api/health");
  BOOST_TEST(health.status == 200);
  TestResponse created = client.Request(
      "POST", "/api/serviceaccounts", R"({"name":"over-tls","role":"Viewer"})",
      {{"Authorization", AdminBasic()}});
  BOOST_TEST(created.status == 201);
  // Plain HTTP on the TLS port gets no HTTP answer.
  TestClient plain(server.port(), Options(std::chrono::seconds(5)));
  bool answered = false;
  try {
    answered = plain.Request("GET", "/api/health").status == 200;
  } catch (const std::exception&) {
  }
  BOOST_TEST(!answered);
}

BOOST_AUTO_TEST_SUITE(serve_https)

BOOST_AUTO_TEST_CASE(protocol_https_in_the_config_file_serves_tls) {
  TempDir dir;
  MakeCertificate(dir.path());
  const std::filesystem::path ini = dir.path() / "keyledger.ini";
  std::ofstream(ini) << "[server]\nprotocol = https\ncert_file = "
                     << (dir.path() / "cert.pem").string()
                     << "\ncert_key = " << (dir.path() / "key.pem").string()
                     << "\n";
  ServerProcess server(dir.path(), {}, {}, {"--config", ini.string()});
  server.Start();
  ExpectTlsWorks(server, dir.path());
  BOOST_TEST(server.Stop());
}

BOOST_AUTO_TEST_CASE(protocol_https_from_the_environment_serves_tls) {
  TempDir dir;
  MakeCertificate(dir.path());
  ServerProcess server(
      dir.path(), {},
      {"KEYLEDGER_SERVER_PROTOCOL=https",
       "KEYLEDGER_SERVER_CERT_FILE=" + (dir.path() / "cert.pem").string(),
       "KEYLEDGER_SERVER_CERT_KEY=" + (dir.path() / "key.pem").string()});
  server.Start();
  ExpectTlsWorks(server, dir.path());
  BOOST_TEST(server.Stop());
}

BOOST_AUTO_TEST_CASE(https_without_a_readable_key_refuses_to_start) {
  TempDir dir;
  MakeCertificate(dir.path());
  ServerProcess server(
      dir.path(), {},
      {"KEYLEDGER_SERVER_PROTOCOL=https",
       "KEYLEDGER_SERVER_CERT_FILE=" + (dir.path() / "cert.pem").string(),
       "KEYLEDGER_SERVER_CERT_KEY=" + (dir.path() / "missing.pem").string()});
  bool started = true;
  try {
    server.Start();
  } catch (const std::runtime_error& e) {
    started = false;
    BOOST_TEST_MESSAGE(e.what());
  }
  BOOST_TEST(!started);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::testing
