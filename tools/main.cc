// keyledger: the event-sourced API key ledger. See `keyledger --help`.

#include <cstring>
#include <iostream>
#include <string_view>

#include "tools/commands.h"

namespace {

constexpr std::string_view kUsage =
    "usage: keyledger <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve     run the HTTP server (Grafana-compatible API and web UI)\n"
    "  verify    check the event log's hash chain, positions and indexes\n"
    "  replay    print the audit trail from the log, or the state at a time\n"
    "  rebuild   rebuild projections from the log\n"
    "\n"
    "Run `keyledger <command> --help` for the options of a command.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace keyledger::tools;
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string_view command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "serve") return RunServe(argc - 1, argv + 1);
  if (command == "verify") return RunVerify(argc - 1, argv + 1);
  if (command == "replay") return RunReplay(argc - 1, argv + 1);
  if (command == "rebuild") return RunRebuild(argc - 1, argv + 1);
  std::cerr << "keyledger: unknown command \"" << command << "\"\n" << kUsage;
  return 2;
}
