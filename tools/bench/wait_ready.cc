// wait_ready: waits until a starting `keyledger serve` is ready to serve
// (issue 8's restart figure): GET /api/health answers 200 and GET
// /api/auth/verify with the first secret of SECRETS answers 200. Polls every
// 10 ms from this one process, so that the wait itself takes next to no CPU
// from the server it times (a curl per poll, fork and exec, took ~half a
// core of this 2-core machine). Exits 0 when ready, 1 if PID exits first or
// after 60 s.
//
//   wait_ready PORT SECRETS PID

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

namespace {

// The status code of `GET path` on 127.0.0.1:port (0: no answer).
int Status(int port, const std::string& path, const std::string& secret) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  timeval timeout{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int status = 0;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!secret.empty()) request += "Authorization: Bearer " + secret + "\r\n";
    request += "Connection: close\r\n\r\n";
    char head[64] = {};
    size_t got = 0;
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      // "HTTP/1.1 200 " is all that is needed.
      while (got < 13) {
        const ssize_t n = ::recv(fd, head + got, sizeof head - 1 - got, 0);
        if (n <= 0) break;
        got += static_cast<size_t>(n);
      }
    }
    if (got >= 12 && std::string(head, 9) == "HTTP/1.1 ") {
      status = std::atoi(head + 9);
    }
  }
  ::close(fd);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: wait_ready PORT SECRETS PID\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const pid_t pid = static_cast<pid_t>(std::atol(argv[3]));
  std::string secret;
  std::ifstream secrets(argv[2]);
  if (!std::getline(secrets, secret) || secret.empty()) {
    std::fprintf(stderr, "wait_ready: no secret in %s\n", argv[2]);
    return 2;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Status(port, "/api/health", "") == 200 &&
        Status(port, "/api/auth/verify", secret) == 200) {
      return 0;
    }
    if (::kill(pid, 0) != 0) {
      std::fprintf(stderr, "wait_ready: server %d exited\n", static_cast<int>(pid));
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::fprintf(stderr, "wait_ready: not ready after 60 s\n");
  return 1;
}
