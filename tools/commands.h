#ifndef KEYLEDGER_TOOLS_COMMANDS_H_
#define KEYLEDGER_TOOLS_COMMANDS_H_

// The subcommands of `keyledger`. Each parses its own arguments (argv[0] is
// the subcommand name) and returns the process exit code: 0 success, 1 a
// failed check or operation, 2 bad usage or configuration.

namespace keyledger::tools {

int RunServe(int argc, char** argv);
int RunVerify(int argc, char** argv);
int RunReplay(int argc, char** argv);
int RunRebuild(int argc, char** argv);

}  // namespace keyledger::tools

#endif  // KEYLEDGER_TOOLS_COMMANDS_H_
