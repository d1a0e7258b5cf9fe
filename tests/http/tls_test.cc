#define BOOST_TEST_MODULE http_tls_test
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/http/test_server.h"

namespace keyledger::http::testing {
namespace {

namespace fs = std::filesystem;

// A temporary directory with a self-signed certificate for 127.0.0.1
// (cert.pem, key.pem) and an unrelated key (other_key.pem).
struct Certificates {
  Certificates() {
    char pattern[] = "/tmp/keyledger-tls-XXXXXX";
    BOOST_REQUIRE(mkdtemp(pattern) != nullptr);
    dir = pattern;
    std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
        "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
        Path("key.pem") + "' -out '" + Path("cert.pem") +
        "' >/dev/null 2>&1 && " +
        "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out '" +
        Path("other_key.pem") + "' >/dev/null 2>&1";
    BOOST_REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "openssl failed");
  }
  ~Certificates() { fs::remove_all(dir); }
  std::string Path(const char* name) const { return (dir / name).string(); }

  fs::path dir;
};

ServerSettings Https(const Certificates& certs, const char* cert,
                     const char* key) {
  ServerSettings settings;
  settings.protocol = "https";
  settings.cert_file = certs.Path(cert);
  settings.cert_key = certs.Path(key);
  return settings;
}

// Client options that verify the server against cert.pem.
TestClientOptions Verifying(const Certificates& certs) {
  TestClientOptions options;
  options.tls = true;
  options.ca_file = certs.Path("cert.pem");
  return options;
}

// Start()'s error message, or "" if it started.
std::string StartError(TestServer& server) {
  try {
    server.Start();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

BOOST_AUTO_TEST_SUITE(tls)

BOOST_AUTO_TEST_CASE(https_serves_requests_to_a_verifying_client) {
  Certificates certs;
  TestServer server(Https(certs, "cert.pem", "key.pem"));
  server.router.Add("POST", "/api/echo",
                    [](const Request& request, const PathParams&) {
                      return TextResponse(200, request.body);
                    });
  server.Start();
  auto client = server.Client(Verifying(certs));
  for (int i = 0; i < 3; ++i) {
    TestResponse r =
        client->Request("POST", "/api/echo", "hello " + std::to_string(i));
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body == "hello " + std::to_string(i));
    BOOST_TEST(r.Header("Cache-Control") == "no-store");
  }
  BOOST_TEST(client->connect_count() == 1);
  TestResponse too_big =
      client->Request("POST", "/api/echo", std::string((1 << 20) + 1, 'x'));
  BOOST_TEST(too_big.status == 413);
}

// A deferred answer (as token creation's, handed back by another thread)
// is written on the TLS stream like any other.
BOOST_AUTO_TEST_CASE(https_delivers_deferred_answers) {
  Certificates certs;
  TestServer server(Https(certs, "cert.pem", "key.pem"));
  std::vector<std::thread> answerers;
  server.router.Add(
      "POST", "/api/later",
      [](const Request&, const PathParams&) {
        return TextResponse(500, "the handler thread ran");
      },
      [&answerers](const Request& request, const PathParams&,
                   const Responder& respond) -> InlineResult {
        answerers.emplace_back([respond, body = request.body] {
          respond([body] { return TextResponse(200, "later " + body); });
        });
        return InlineStep::kDeferred;
      });
  server.Start();
  auto client = server.Client(Verifying(certs));
  for (int i = 0; i < 3; ++i) {
    TestResponse r = client->Request("POST", "/api/later", std::to_string(i));
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body == "later " + std::to_string(i));
  }
  BOOST_TEST(client->connect_count() == 1);
  for (auto& t : answerers) t.join();
}

BOOST_AUTO_TEST_CASE(a_plain_http_client_gets_no_answer_from_https) {
  Certificates certs;
  TestServer server(Https(certs, "cert.pem", "key.pem"));
  server.Start();
  auto client = server.Client();
  BOOST_CHECK_THROW(client->Request("GET", "/"), std::runtime_error);
  TestClientOptions any_certificate;
  any_certificate.tls = true;
  auto tls_client = server.Client(any_certificate);
  BOOST_TEST(tls_client->Request("GET", "/").status == 404);
}

BOOST_AUTO_TEST_CASE(a_bad_certificate_or_key_fails_start_with_a_clear_error) {
  Certificates certs;
  std::ofstream(certs.Path("garbage.pem")) << "not a certificate\n";
  TestServer garbage(Https(certs, "garbage.pem", "key.pem"));
  BOOST_TEST(StartError(garbage).find("cert_file '" +
                                      certs.Path("garbage.pem") + "'") !=
             std::string::npos);
  TestServer missing_key(Https(certs, "cert.pem", "missing.pem"));
  BOOST_TEST(StartError(missing_key)
                 .find("cert_key '" + certs.Path("missing.pem") + "'") !=
             std::string::npos);
  TestServer mismatch(Https(certs, "cert.pem", "other_key.pem"));
  std::string mismatch_error = StartError(mismatch);
  BOOST_TEST(mismatch_error.find("mismatch") != std::string::npos,
             mismatch_error);
  ServerSettings unknown;
  unknown.protocol = "gopher";
  TestServer bad_protocol(unknown);
  BOOST_TEST(StartError(bad_protocol).find("protocol") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http::testing
