#ifndef KEYLEDGER_TOOLS_CONFIG_H_
#define KEYLEDGER_TOOLS_CONFIG_H_

// Settings of `keyledger serve`: an INI file in the style of grafana.ini,
// overridden by KEYLEDGER_<SECTION>_<KEY> environment variables, overridden
// by flags.

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/context.h"
#include "http/api.h"
#include "http/server_settings.h"

namespace keyledger::tools {

struct Config {
  http::ServerSettings server;
  std::string data_dir = "./data";
  std::string admin_user = "admin";
  std::string admin_password;  // empty: generated on the first start
  domain::Limits limits;
  http::ApiSettings api;
};

// A bad setting: `what()` is one line naming the setting.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Raw values by "section.key", lowest precedence first, then parsed.
using RawSettings = std::map<std::string, std::string>;

// Reads the INI file at `path` into `raw` (overriding what is there).
// Throws ConfigError when the file cannot be read or parsed.
void ReadIniFile(const std::string& path, RawSettings& raw);

// Overrides `raw` with KEYLEDGER_<SECTION>_<KEY> variables of `environ`.
void ReadEnvironment(char** environ, RawSettings& raw);

// Turns raw values into a Config. Throws ConfigError on a bad value.
Config ParseConfig(const RawSettings& raw);

// Every known "section.key", for --help and validation.
const std::vector<std::string>& KnownSettings();

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_CONFIG_H_
