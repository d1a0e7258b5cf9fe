#include "tools/cli.h"

#include <iostream>

namespace keyledger::tools {

namespace po = boost::program_options;

std::optional<int> ParseCommandLine(int argc, char** argv,
                                    po::options_description& options,
                                    po::variables_map& vm,
                                    std::string_view usage) {
  options.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(argc, argv).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "keyledger: " << e.what() << "\n" << usage << "\n" << options;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << usage << "\n" << options;
    return 0;
  }
  return std::nullopt;
}

}  // namespace keyledger::tools
