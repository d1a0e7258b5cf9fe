// `keyledger serve`: opens the store, catches the views up, makes sure the
// default org and server admin exist, and serves the API and web UI.

#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "eventstore/event_store.h"
#include "http/api.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "http/web_routes.h"
#include "projections/bootstrap.h"
#include "projections/ledger.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "tools/config.h"

extern char** environ;

namespace keyledger::tools {
namespace {

namespace po = boost::program_options;

constexpr std::string_view kUsage =
    "usage: keyledger serve [--config FILE] [--data-dir DIR] [--http-addr A] "
    "[--http-port P] [--admin-password PW]\n"
    "Settings: INI file (grafana.ini style) < KEYLEDGER_<SECTION>_<KEY> "
    "environment variables < flags.";

// Builds the configuration from file, environment and flags.
Config LoadConfig(const po::variables_map& vm) {
  RawSettings raw;
  if (vm.count("config")) ReadIniFile(vm["config"].as<std::string>(), raw);
  ReadEnvironment(environ, raw);
  const std::pair<const char*, const char*> flags[] = {
      {"data-dir", "paths.data"},
      {"http-addr", "server.http_addr"},
      {"http-port", "server.http_port"},
      {"admin-password", "security.admin_password"}};
  for (const auto& [flag, setting] : flags) {
    if (vm.count(flag)) raw[setting] = vm[flag].as<std::string>();
  }
  return ParseConfig(raw);
}

int Serve(const Config& config) {
  http::TerminationSignals signals;
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  eventstore::StoreOptions store_options;
  store_options.defer_compactions = true;  // until the State is loaded
  auto store = eventstore::EventStore::Open(config.data_dir, store_options);
  if (!store) {
    std::cerr << "keyledger: cannot open " << config.data_dir << ": "
              << store.error().message << "\n";
    return 1;
  }
  auto ledger = projections::Ledger::Open(**store, config.limits);
  if (!ledger) {
    std::cerr << "keyledger: cannot load views: " << ledger.error().message << "\n";
    return 1;
  }
  auto boot = projections::Bootstrap(**ledger, config.admin_user,
                                     config.admin_password);
  if (!boot) {
    std::cerr << "keyledger: first start failed: " << boot.error().message << "\n";
    return 1;
  }
  if (boot->generated_admin_password) {
    std::cout << "keyledger: created server admin \"" << config.admin_user
              << "\" with password " << *boot->generated_admin_password
              << "\nkeyledger: this password is shown only now; only its hash "
                 "is stored.\n";
  }
  if (signals.Received() != 0) {  // stopped while loading: do not listen
    std::cout << "keyledger: stopping" << std::endl;
    return 0;
  }
  http::Metrics metrics;
  http::Router router;
  http::Api api(**ledger, metrics, config.api);
  api.AddRoutes(router);
  http::AddWebRoutes(router);
  http::Server server(config.server, router, metrics, std::cout);
  uint16_t port = 0;
  try {
    port = server.Start();
  } catch (const std::exception& e) {
    std::cerr << "keyledger: cannot listen: " << e.what() << "\n";
    return 1;
  }
  if (auto started = (*store)->StartCompactions(); !started) {
    std::cerr << "keyledger: " << started.error().message << "\n";
    return 1;
  }
  std::cout << "keyledger: listening on " << config.server.protocol << "://"
            << config.server.address << ":" << port << "/ (admin login \""
            << config.admin_user << "\")" << std::endl;
  signals.Wait();
  std::cout << "keyledger: stopping" << std::endl;
  server.Stop();
  return 0;
}

}  // namespace

int RunServe(int argc, char** argv) {
  po::options_description options("serve options");
  options.add_options()
      ("config", po::value<std::string>(), "INI file (grafana.ini style)")
      ("data-dir", po::value<std::string>(), "data directory ([paths] data)")
      ("http-addr", po::value<std::string>(), "listen address ([server] http_addr)")
      ("http-port", po::value<std::string>(), "listen port ([server] http_port)")
      ("admin-password", po::value<std::string>(),
       "server admin password on first start ([security] admin_password)");
  po::variables_map vm;
  if (auto exit_code = ParseCommandLine(argc, argv, options, vm, kUsage)) {
    return *exit_code;
  }
  try {
    return Serve(LoadConfig(vm));
  } catch (const ConfigError& e) {
    std::cerr << "keyledger: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace keyledger::tools
