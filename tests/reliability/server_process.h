#ifndef KEYLEDGER_TESTS_RELIABILITY_SERVER_PROCESS_H_
#define KEYLEDGER_TESTS_RELIABILITY_SERVER_PROCESS_H_

// `keyledger serve` as a child process, for tests that kill, restart or
// inspect the real server: it listens on 127.0.0.1 with an ephemeral port
// (--http-port 0; the port is read from its "listening on" line), and its
// stdout and stderr go to a log file the test can read.
//
//   ServerProcess server(dir);  // data in dir/data, log in dir/serve-N.log
//   server.Start();             // waits until it listens (Launch() does not)
//   TestClient client(server.port());
//   server.Kill(SIGKILL);       // or Stop() for SIGTERM + wait
//
// Also: RunCommand() runs the keyledger binary (verify, rebuild) and returns
// its exit code and output. KEYLEDGER_BINARY is set by CMake.

#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace keyledger::testing {

inline constexpr const char* kServeAdminPassword = "reliability-admin-pw";

// A temp directory removed on destruction (unless KEYLEDGER_KEEP_TEMP is set).
class TempDir {
 public:
  explicit TempDir(const std::filesystem::path& base =
                       std::filesystem::temp_directory_path()) {
    std::string pattern = (base / "keyledger-rel-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp");
    path_ = pattern;
  }
  ~TempDir() {
    if (std::getenv("KEYLEDGER_KEEP_TEMP") != nullptr) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

// Runs KEYLEDGER_BINARY with `args` (no shell) and waits.
inline CommandResult RunCommand(const std::vector<std::string>& args) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe");
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    std::string binary = KEYLEDGER_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  CommandResult result;
  std::array<char, 4096> buffer;
  ssize_t n;
  while ((n = read(fds[0], buffer.data(), buffer.size())) > 0) {
    result.output.append(buffer.data(), static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class ServerProcess {
 public:
  // `dir` holds the data directory (dir/data unless `data_dir` is given) and
  // the logs. `extra_env` entries ("NAME=value") are added to the child's
  // environment; `extra_args` to its command line.
  explicit ServerProcess(std::filesystem::path dir,
                         std::filesystem::path data_dir = {},
                         std::vector<std::string> extra_env = {},
                         std::vector<std::string> extra_args = {})
      : dir_(std::move(dir)),
        data_dir_(data_dir.empty() ? dir_ / "data" : std::move(data_dir)),
        extra_env_(std::move(extra_env)),
        extra_args_(std::move(extra_args)) {}
  ~ServerProcess() { Kill(SIGKILL); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts the server and waits (up to 60 s) until it listens. Throws when it
  // exits or does not listen in time.
  void Start() {
    Launch();
    WaitUntilListening();
  }

  // Starts the server and returns at once.
  void Launch() {
    if (pid_ > 0) throw std::runtime_error("already running");
    log_path_ = dir_ / ("serve-" + std::to_string(++starts_) + ".log");
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork");
    if (pid == 0) {
      const int fd =
          open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
      for (const std::string& e : extra_env_)
        putenv(const_cast<char*>(e.c_str()));
      std::vector<std::string> args = {KEYLEDGER_BINARY,   "serve",
                                       "--data-dir",       data_dir_.string(),
                                       "--http-addr",      "127.0.0.1",
                                       "--http-port",      "0",
                                       "--admin-password", kServeAdminPassword};
      args.insert(args.end(), extra_args_.begin(), extra_args_.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    pid_ = pid;
  }

  // Waits (up to 60 s) until the launched server listens. Throws when it
  // exits or does not listen in time.
  void WaitUntilListening() {
    const std::regex listening(R"(listening on https?://[0-9.]+:([0-9]+)/)");
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      std::smatch match;
      const std::string log = Log();
      if (std::regex_search(log, match, listening)) {
        port_ = static_cast<uint16_t>(std::stoi(match[1]));
        return;
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("keyledger serve exited at start: " + log);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    Kill(SIGKILL);
    throw std::runtime_error("keyledger serve did not listen within 60 s: " +
                             Log());
  }

  // Sends `signal` and reaps the child. Returns its wait status (or -1 when
  // it was not running).
  int Kill(int signal) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

  // Graceful stop (SIGTERM). True when the server exited with status 0.
  bool Stop() {
    const int status = Kill(SIGTERM);
    return status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }

  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  uint16_t port() const { return port_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  // The current run's log (stdout and stderr).
  std::string Log() const { return ReadFile(log_path_); }
  // Every run's log, concatenated.
  std::string AllLogs() const {
    std::string all;
    for (int i = 1; i <= starts_; ++i) {
      all += ReadFile(dir_ / ("serve-" + std::to_string(i) + ".log"));
    }
    return all;
  }

 private:
  std::filesystem::path dir_;
  std::filesystem::path data_dir_;
  std::vector<std::string> extra_env_;
  std::vector<std::string> extra_args_;
  std::filesystem::path log_path_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  int starts_ = 0;
};

}  // namespace keyledger::testing

#endif  // KEYLEDGER_TESTS_RELIABILITY_SERVER_PROCESS_H_
