#define BOOST_TEST_MODULE config_test
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "run_keyledger.h"
#include "tools/config.h"

using keyledger::testing::RunKeyledger;
using keyledger::tools::ConfigError;
using keyledger::tools::ParseConfig;
using keyledger::tools::RawSettings;

BOOST_AUTO_TEST_CASE(defaults_follow_the_spec) {
  const auto config = ParseConfig({});
  BOOST_TEST(config.server.address == "127.0.0.1");
  BOOST_TEST(config.server.port == 3000);
  BOOST_TEST(config.data_dir == "./data");
  BOOST_TEST(config.admin_user == "admin");
  BOOST_TEST(config.limits.api_key_max_seconds_to_live == 2592000);
  BOOST_TEST(config.limits.token_expiration_day_limit == -1);
  BOOST_TEST(config.server.body_limit == 1u << 20);
  BOOST_TEST(config.server.io_slice.count() == 100);
}

BOOST_AUTO_TEST_CASE(the_io_slice_may_be_turned_off_but_not_beyond_100_ms) {
  BOOST_TEST(ParseConfig({{"server.io_slice_microseconds", "0"}})
                 .server.io_slice.count() == 0);
  BOOST_TEST(ParseConfig({{"server.io_slice_microseconds", "3000"}})
                 .server.io_slice.count() == 3000);
  BOOST_CHECK_THROW(ParseConfig({{"server.io_slice_microseconds", "100001"}}),
                    ConfigError);
  BOOST_CHECK_THROW(ParseConfig({{"server.io_slice_microseconds", "-1"}}),
                    ConfigError);
}

BOOST_AUTO_TEST_CASE(the_ini_file_is_overridden_by_environment_then_flags) {
  const auto path = std::filesystem::temp_directory_path() / "keyledger-config-test.ini";
  {
    std::ofstream out(path);
    out << "[server]\nhttp_port = 4000\nhttp_addr = 127.0.0.2\n"
        << "[auth]\napi_key_max_seconds_to_live = -1\n"
        << "[service_accounts]\ntoken_expiration_day_limit = 4\n";
  }
  RawSettings raw;
  keyledger::tools::ReadIniFile(path.string(), raw);
  std::string env_entry = "KEYLEDGER_SERVER_HTTP_PORT=4001";
  char* environ_like[] = {env_entry.data(), nullptr};
  keyledger::tools::ReadEnvironment(environ_like, raw);
  const auto config = ParseConfig(raw);
  BOOST_TEST(config.server.port == 4001);
  BOOST_TEST(config.server.address == "127.0.0.2");
  BOOST_TEST(config.limits.api_key_max_seconds_to_live == -1);
  BOOST_TEST(config.limits.token_expiration_day_limit == 4);
  std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(a_bad_value_names_the_setting) {
  try {
    ParseConfig({{"server.http_port", "abc"}});
    BOOST_FAIL("no error");
  } catch (const ConfigError& e) {
    BOOST_TEST(std::string(e.what()).find("[server] http_port") != std::string::npos);
  }
  BOOST_CHECK_THROW(ParseConfig({{"server.protocol", "gopher"}}), ConfigError);
  BOOST_CHECK_THROW(ParseConfig({{"server.protocol", "https"}}), ConfigError);
  BOOST_CHECK_THROW(ParseConfig({{"auth.api_key_max_seconds_to_live", "-2"}}),
                    ConfigError);
}

BOOST_AUTO_TEST_CASE(serve_exits_2_with_one_line_for_a_bad_setting) {
  auto flag = RunKeyledger("serve --data-dir /tmp/never --http-port 99999");
  BOOST_TEST(flag.exit_code == 2, flag.output);
  BOOST_TEST(flag.output.find("[server] http_port") != std::string::npos, flag.output);
  auto env = RunKeyledger("serve --data-dir /tmp/never",
                          "KEYLEDGER_AUTH_API_KEY_MAX_SECONDS_TO_LIVE=soon");
  BOOST_TEST(env.exit_code == 2, env.output);
  BOOST_TEST(env.output.find("[auth] api_key_max_seconds_to_live") != std::string::npos);
  auto file = RunKeyledger("serve --config /nonexistent.ini");
  BOOST_TEST(file.exit_code == 2, file.output);
}
