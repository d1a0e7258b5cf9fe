#include "tools/config.h"

#include <boost/program_options.hpp>

#include <cctype>
#include <charconv>
#include <fstream>

namespace keyledger::tools {
namespace {

namespace po = boost::program_options;

std::string EnvName(const std::string& setting) {
  std::string name = "KEYLEDGER_";
  for (char c : setting) {
    name.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(c)));
  }
  return name;
}

std::string Describe(const std::string& setting) {
  const auto dot = setting.find('.');
  return "[" + setting.substr(0, dot) + "] " + setting.substr(dot + 1);
}

int64_t ParseInt(const RawSettings& raw, const std::string& setting,
                 int64_t fallback, int64_t min, int64_t max) {
  auto it = raw.find(setting);
  if (it == raw.end() || it->second.empty()) return fallback;
  int64_t value = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min ||
      value > max) {
    throw ConfigError("invalid value for " + Describe(setting) + ": \"" + text +
                      "\" (want an integer from " + std::to_string(min) +
                      " to " + std::to_string(max) + ")");
  }
  return value;
}

std::string Text(const RawSettings& raw, const std::string& setting,
                 std::string fallback) {
  auto it = raw.find(setting);
  return it == raw.end() ? fallback : it->second;
}

}  // namespace

const std::vector<std::string>& KnownSettings() {
  static const std::vector<std::string> settings = {
      "server.http_addr",
      "server.http_port",
      "server.protocol",
      "server.cert_file",
      "server.cert_key",
      "server.read_timeout_seconds",
      "server.idle_timeout_seconds",
      "server.io_slice_microseconds",
      "paths.data",
      "security.admin_user",
      "security.admin_password",
      "auth.api_key_max_seconds_to_live",
      "service_accounts.token_expiration_day_limit",
      "metrics.basic_auth_username",
      "metrics.basic_auth_password",
  };
  return settings;
}

void ReadIniFile(const std::string& path, RawSettings& raw) {
  std::ifstream in(path);
  if (!in) throw ConfigError("cannot read config file " + path);
  po::options_description description;
  for (const std::string& setting : KnownSettings()) {
    description.add_options()(setting.c_str(), po::value<std::string>());
  }
  try {
    po::parsed_options parsed =
        po::parse_config_file(in, description, /*allow_unregistered=*/true);
    for (const po::option& option : parsed.options) {
      if (option.unregistered) {
        throw ConfigError("unknown setting in " + path + ": " +
                          Describe(option.string_key));
      }
      raw[option.string_key] = option.value.empty() ? "" : option.value.front();
    }
  } catch (const po::error& e) {
    throw ConfigError("cannot parse config file " + path + ": " + e.what());
  }
}

void ReadEnvironment(char** environ, RawSettings& raw) {
  for (const std::string& setting : KnownSettings()) {
    const std::string name = EnvName(setting) + "=";
    for (char** entry = environ; entry && *entry; ++entry) {
      std::string_view text(*entry);
      if (text.starts_with(name)) raw[setting] = std::string(text.substr(name.size()));
    }
  }
}

Config ParseConfig(const RawSettings& raw) {
  Config config;
  config.server.address = Text(raw, "server.http_addr", config.server.address);
  config.server.port = static_cast<uint16_t>(
      ParseInt(raw, "server.http_port", config.server.port, 0, 65535));
  config.server.protocol = Text(raw, "server.protocol", "http");
  if (config.server.protocol != "http" && config.server.protocol != "https") {
    throw ConfigError("invalid value for [server] protocol: \"" +
                      config.server.protocol + "\" (want http or https)");
  }
  config.server.cert_file = Text(raw, "server.cert_file", "");
  config.server.cert_key = Text(raw, "server.cert_key", "");
  if (config.server.protocol == "https" &&
      (config.server.cert_file.empty() || config.server.cert_key.empty())) {
    throw ConfigError(
        "[server] protocol = https needs [server] cert_file and cert_key");
  }
  config.server.read_timeout = std::chrono::seconds(
      ParseInt(raw, "server.read_timeout_seconds", 30, 1, 3600));
  config.server.idle_timeout = std::chrono::seconds(
      ParseInt(raw, "server.idle_timeout_seconds", 60, 1, 3600));
  config.server.io_slice = std::chrono::microseconds(
      ParseInt(raw, "server.io_slice_microseconds", 100, 0, 100000));
  config.data_dir = Text(raw, "paths.data", config.data_dir);
  config.admin_user = Text(raw, "security.admin_user", "admin");
  if (config.admin_user.empty()) {
    throw ConfigError("invalid value for [security] admin_user: must not be empty");
  }
  config.admin_password = Text(raw, "security.admin_password", "");
  config.limits.api_key_max_seconds_to_live =
      ParseInt(raw, "auth.api_key_max_seconds_to_live", 2592000, -1, INT64_MAX);
  config.limits.token_expiration_day_limit = ParseInt(
      raw, "service_accounts.token_expiration_day_limit", -1, -1, 100000);
  config.api.metrics_user = Text(raw, "metrics.basic_auth_username", "");
  config.api.metrics_password = Text(raw, "metrics.basic_auth_password", "");
  return config;
}

}  // namespace keyledger::tools
