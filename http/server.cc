#include "http/server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/io_thread.h"
#include "http/server_state.h"
#include "http/session.h"
#include "http/tls_context.h"

namespace keyledger::http {

namespace asio = boost::asio;
using asio::ip::tcp;

// One io_context per I/O thread, each run by its thread alone: a connection
// lives on one of them (round robin at accept), so its handlers never run
// concurrently and need no strand, and the threads share no scheduler lock.
// (One io_context run by several threads spent more than a third of the
// auth path's CPU in its locks and strands; see BENCHMARKS.md.)
// Declaration order is destruction order in reverse: the io_contexts (which
// own pending handlers, and so sessions) go before `state`, which sessions
// use in their destructors.
struct Server::Impl {
  Impl(ServerSettings s, const Router& r, Metrics& m, std::ostream& l)
      : settings(std::move(s)), router(r), metrics(m), log(l) {}

  void Accept();
  void OnAccept(boost::system::error_code ec, SessionSocket socket);
  void Bind();

  ServerSettings settings;
  const Router& router;
  Metrics& metrics;
  std::ostream& log;
  std::unique_ptr<ServerState> state;
  std::unique_ptr<asio::ssl::context> tls;
  using WorkGuard = asio::executor_work_guard<asio::io_context::executor_type>;
  std::vector<std::unique_ptr<asio::io_context>> iocs;  // iocs[0] accepts
  std::vector<WorkGuard> work;
  size_t next_ioc = 0;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> accept_retry;
  std::vector<std::thread> threads;

  std::mutex mutex;
  std::condition_variable stopped_cv;
  bool started = false;
  bool stopped = false;
};

void Server::Impl::Bind() {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(settings.address, ec);
  if (ec)
    throw std::runtime_error("invalid http address '" + settings.address + "'");
  tcp::endpoint endpoint(address, settings.port);
  std::string where = settings.address + ":" + std::to_string(settings.port);
  acceptor.emplace(*iocs.front());
  acceptor->open(endpoint.protocol(), ec);
  if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(endpoint, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
}

void Server::Impl::Accept() {
  asio::io_context& ioc = *iocs[next_ioc++ % iocs.size()];
  acceptor->async_accept(
      ioc, [this](boost::system::error_code ec, SessionSocket socket) {
        OnAccept(ec, std::move(socket));
      });
}

void Server::Impl::OnAccept(boost::system::error_code ec,
                            SessionSocket socket) {
  if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
  if (ec) {
    // E.g. out of file descriptors: retry soon instead of spinning.
    state->log.Error("-", "accept failed: " + ec.message());
    accept_retry.emplace(acceptor->get_executor(),
                         std::chrono::milliseconds(100));
    accept_retry->async_wait([this](boost::system::error_code wait_ec) {
      if (!wait_ec && acceptor->is_open()) Accept();
    });
    return;
  }
  if (state->connections() >= settings.max_connections) {
    socket.close(ec);  // over the limit: refuse cheaply
  } else {
    RunSession(std::move(socket), *state, tls.get());
  }
  Accept();
}

Server::Server(ServerSettings settings, const Router& router, Metrics& metrics,
               std::ostream& log)
    : impl_(std::make_unique<Impl>(std::move(settings), router, metrics, log)) {
}

Server::~Server() { Stop(); }

uint16_t Server::Start() {
  Impl& impl = *impl_;
  const ServerSettings& settings = impl.settings;
  if (settings.protocol == "https") {
    impl.tls = MakeTlsServerContext(settings.cert_file, settings.cert_key);
  } else if (settings.protocol != "http") {
    throw std::runtime_error("invalid [server] protocol '" + settings.protocol +
                             "' (expected http or https)");
  }
  const int io_threads =
      settings.io_threads > 0
          ? settings.io_threads
          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 0; i < io_threads; ++i) {
    // Hint 1: one thread runs it (handler threads still post to it).
    impl.iocs.push_back(std::make_unique<asio::io_context>(1));
    impl.work.emplace_back(impl.iocs.back()->get_executor());
  }
  impl.Bind();
  uint16_t port = impl.acceptor->local_endpoint().port();
  impl.state = std::make_unique<ServerState>(settings, impl.router,
                                             impl.metrics, impl.log);
  asio::dispatch(impl.acceptor->get_executor(), [&impl] { impl.Accept(); });
  for (size_t i = 0; i < impl.iocs.size(); ++i) {
    impl.threads.emplace_back([&impl, i] {
      const std::string problem =
          PrepareIoThread(static_cast<int>(i), impl.settings.io_slice);
      if (i == 0 && !problem.empty()) {
        impl.state->log.Info("I/O threads keep the default time slice: " +
                             problem);
      }
      impl.iocs[i]->run();
    });
  }
  {
    std::lock_guard lock(impl.mutex);
    impl.started = true;
  }
  impl.state->log.Info("listening on " + settings.protocol + "://" +
                       settings.address + ":" + std::to_string(port));
  return port;
}

void Server::Stop() {
  Impl& impl = *impl_;
  std::unique_lock lock(impl.mutex);
  if (!impl.started || impl.stopped) return;
  ServerState& state = *impl.state;
  state.stopping = true;
  asio::post(impl.acceptor->get_executor(), [&impl] {
    boost::system::error_code ignored;
    impl.acceptor->close(ignored);
    if (impl.accept_retry) impl.accept_retry->cancel();
  });
  state.ShutdownAll();
  if (!state.WaitForNoConnections(impl.settings.shutdown_timeout)) {
    state.log.Info("shutdown timeout: closing " +
                   std::to_string(state.connections()) + " connections");
  }
  // A deferred answer is posted to its session's I/O thread by the store's
  // writer thread: those threads must still run when it comes.
  state.WaitForNoDeferred();
  impl.work.clear();
  for (auto& ioc : impl.iocs) ioc->stop();
  for (std::thread& thread : impl.threads) thread.join();
  state.handler_pool.stop();
  state.handler_pool.join();
  state.log.Info("stopped");
  state.log.Flush();  // a stopped server's log is complete
  impl.stopped = true;
  impl.stopped_cv.notify_all();
}

void Server::Wait() {
  std::unique_lock lock(impl_->mutex);
  impl_->stopped_cv.wait(lock,
                         [&] { return !impl_->started || impl_->stopped; });
}

struct TerminationSignals::Impl {
  asio::io_context ioc;
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  int received = 0;
};

TerminationSignals::TerminationSignals() : impl_(std::make_unique<Impl>()) {
  impl_->signals.async_wait(
      [impl = impl_.get()](boost::system::error_code ec, int signal) {
        if (!ec) impl->received = signal;
      });
}

TerminationSignals::~TerminationSignals() = default;

int TerminationSignals::Received() {
  impl_->ioc.poll();
  return impl_->received;
}

int TerminationSignals::Wait() {
  impl_->ioc.run();
  return impl_->received;
}

}  // namespace keyledger::http
