#ifndef KEYLEDGER_TOOLS_CLI_H_
#define KEYLEDGER_TOOLS_CLI_H_

#include <boost/program_options.hpp>

#include <optional>
#include <string_view>

namespace keyledger::tools {

// Parses a subcommand's arguments into `vm` (adds --help to `options`).
// Returns an exit code to stop with (0 after printing help, 2 after a usage
// error), or nullopt to go on.
std::optional<int> ParseCommandLine(
    int argc, char** argv, boost::program_options::options_description& options,
    boost::program_options::variables_map& vm, std::string_view usage);

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_CLI_H_
