// `keyledger verify`: checks the hash chain, the density of positions and
// the stream indexes of a data directory (works while the server runs).

#include <iostream>

#include "eventstore/verify.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "tools/store_access.h"

namespace keyledger::tools {

namespace po = boost::program_options;

int RunVerify(int argc, char** argv) {
  po::options_description options("verify options");
  options.add_options()("data-dir", po::value<std::string>()->default_value("./data"),
                        "data directory");
  po::variables_map vm;
  if (auto exit_code = ParseCommandLine(
          argc, argv, options, vm, "usage: keyledger verify --data-dir DIR")) {
    return *exit_code;
  }
  auto opened = ReadOnlyStore::Open(vm["data-dir"].as<std::string>());
  if (!opened) {
    std::cerr << "keyledger: " << opened.error().message << "\n";
    return 2;
  }
  auto report = eventstore::VerifyLog((*opened)->store());
  if (!report) {
    std::cerr << "keyledger: verify failed to read the log: "
              << report.error().message << "\n";
    return 1;
  }
  std::cout << "events: " << report->events << "\n"
            << "last position: " << report->last_position << "\n"
            << "head hash: " << report->head_hash_hex << "\n";
  if (report->first_bad_position) {
    std::cout << "FAILED at position " << *report->first_bad_position << ": "
              << report->problem << "\n";
    return 1;
  }
  std::cout << "OK: the log is intact\n";
  return 0;
}

}  // namespace keyledger::tools
