#include "tests/http/test_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>
#include <optional>
#include <stdexcept>

namespace keyledger::http::testing {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

bool HasHeader(const TestHeaders& headers, std::string_view name) {
  CaseInsensitiveLess less;
  for (const auto& [key, value] : headers) {
    if (!less(key, name) && !less(name, key)) return true;
  }
  return false;
}

// Parses "HTTP/1.1 200 OK\r\nA: b\r\n...\r\n\r\n" (including the blank line).
TestResponse ParseHead(std::string_view head) {
  TestResponse response;
  size_t line_end = head.find("\r\n");
  std::string_view status_line = head.substr(0, line_end);
  if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.")) {
    throw std::runtime_error("TestClient: bad status line: " +
                             std::string(status_line));
  }
  response.status = std::stoi(std::string(status_line.substr(9, 3)));
  head.remove_prefix(line_end + 2);
  while (!head.empty() && !head.starts_with("\r\n")) {
    line_end = head.find("\r\n");
    std::string_view line = head.substr(0, line_end);
    size_t colon = line.find(':');
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    // A repeated field is joined with ", ", so that a test sees both.
    auto [it, inserted] = response.headers.try_emplace(
        std::string(line.substr(0, colon)), value);
    if (!inserted) it->second.append(", ").append(value);
    head.remove_prefix(line_end + 2);
  }
  return response;
}

}  // namespace

std::string TestResponse::Header(std::string_view name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

boost::json::value TestResponse::Json() const {
  return boost::json::parse(body);
}

std::string FormatRequest(std::string_view method, std::string_view target,
                          std::string_view body, const TestHeaders& headers) {
  std::string out;
  out.append(method).append(" ").append(target).append(
      " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  for (const auto& [name, value] : headers)
    out.append(name).append(": ").append(value) += "\r\n";
  if (!body.empty() && !HasHeader(headers, "Content-Type")) {
    out += "Content-Type: application/json\r\n";
  }
  if (!body.empty() || method == "POST" || method == "PUT" ||
      method == "PATCH") {
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  out.append("\r\n").append(body);
  return out;
}

struct TestClient::Impl {
  uint16_t port;
  TestClientOptions options;
  asio::io_context ioc;
  std::optional<asio::ssl::context> tls_context;
  std::optional<tcp::socket> socket;
  std::optional<asio::ssl::stream<tcp::socket&>> tls;
  std::string buffer;  // received, not yet consumed
  int connects = 0;

  // Runs the started operation until it completes or the timeout passes;
  // on timeout, closes the socket and returns timed_out.
  template <class Initiate>
  error_code Await(Initiate initiate, size_t* bytes = nullptr) {
    error_code result = asio::error::would_block;
    size_t transferred = 0;
    initiate([&](error_code ec, size_t n = 0) {
      result = ec;
      transferred = n;
    });
    ioc.restart();
    ioc.run_for(options.timeout);
    if (result == asio::error::would_block) {
      error_code ignored;
      socket->close(ignored);
      ioc.restart();
      ioc.run();
      result = asio::error::timed_out;
    }
    if (bytes) *bytes = transferred;
    return result;
  }

  // Calls fn with the stream to use: the TLS stream or the plain socket.
  template <class Fn>
  void WithStream(Fn fn) {
    if (tls) {
      fn(*tls);
    } else {
      fn(*socket);
    }
  }

  error_code ReadMore() {
    error_code ec;
    WithStream([&](auto& stream) {
      ec = Await([&](auto handler) {
        asio::async_read(stream, asio::dynamic_buffer(buffer),
                         asio::transfer_at_least(1), handler);
      });
    });
    return ec;
  }
};

TestClient::TestClient(uint16_t port, TestClientOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->port = port;
  impl_->options = std::move(options);
}

TestClient::~TestClient() = default;

bool TestClient::connected() const {
  return impl_->socket && impl_->socket->is_open();
}

int TestClient::connect_count() const { return impl_->connects; }

void TestClient::Close() {
  impl_->tls.reset();
  if (impl_->socket) {
    error_code ignored;
    impl_->socket->close(ignored);
  }
  impl_->socket.reset();
  impl_->buffer.clear();
}

void TestClient::Connect() {
  Close();
  Impl& impl = *impl_;
  impl.socket.emplace(impl.ioc);
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), impl.port);
  error_code ec = impl.Await(
      [&](auto handler) { impl.socket->async_connect(endpoint, handler); });
  if (ec) throw std::runtime_error("TestClient: connect: " + ec.message());
  ++impl.connects;
  if (!impl.options.tls) return;
  if (!impl.tls_context) {
    impl.tls_context.emplace(asio::ssl::context::tls_client);
    if (impl.options.ca_file.empty()) {
      impl.tls_context->set_verify_mode(asio::ssl::verify_none);
    } else {
      impl.tls_context->load_verify_file(impl.options.ca_file);
      impl.tls_context->set_verify_mode(asio::ssl::verify_peer);
    }
  }
  impl.tls.emplace(*impl.socket, *impl.tls_context);
  ec = impl.Await([&](auto handler) {
    impl.tls->async_handshake(asio::ssl::stream_base::client, handler);
  });
  if (ec)
    throw std::runtime_error("TestClient: TLS handshake: " + ec.message());
}

void TestClient::SendRaw(std::string_view bytes) {
  if (!connected()) Connect();
  error_code ec;
  impl_->WithStream([&](auto& stream) {
    ec = impl_->Await([&](auto handler) {
      asio::async_write(stream, asio::buffer(bytes), handler);
    });
  });
  // A server that answers early (413) may close before all is sent; the
  // response can still be read, so only report errors other than that.
  if (ec && ec != asio::error::broken_pipe &&
      ec != asio::error::connection_reset) {
    throw std::runtime_error("TestClient: write: " + ec.message());
  }
}

TestResponse TestClient::ReadResponse() {
  Impl& impl = *impl_;
  if (!impl.socket) throw std::runtime_error("TestClient: not connected");
  size_t head_end;
  while ((head_end = impl.buffer.find("\r\n\r\n")) == std::string::npos) {
    if (error_code ec = impl.ReadMore()) {
      throw std::runtime_error("TestClient: reading response head: " +
                               ec.message());
    }
  }
  TestResponse response =
      ParseHead(std::string_view(impl.buffer).substr(0, head_end + 4));
  impl.buffer.erase(0, head_end + 4);
  size_t length = std::stoul("0" + response.Header("Content-Length"));
  while (impl.buffer.size() < length) {
    if (error_code ec = impl.ReadMore()) {
      throw std::runtime_error("TestClient: reading response body: " +
                               ec.message());
    }
  }
  response.body = impl.buffer.substr(0, length);
  impl.buffer.erase(0, length);
  if (response.Header("Connection") == "close") Close();
  return response;
}

bool TestClient::WaitForClose(std::chrono::milliseconds timeout) {
  if (!connected()) return true;
  std::chrono::milliseconds saved = impl_->options.timeout;
  impl_->options.timeout = timeout;
  error_code ec = impl_->ReadMore();
  impl_->options.timeout = saved;
  if (ec == asio::error::timed_out) {
    Close();
    return false;
  }
  return ec.failed();  // eof, reset, TLS truncation: closed by the server
}

TestResponse TestClient::Request(std::string_view method,
                                 std::string_view target, std::string_view body,
                                 const TestHeaders& headers) {
  if (!connected()) Connect();
  SendRaw(FormatRequest(method, target, body, headers));
  return ReadResponse();
}

}  // namespace keyledger::http::testing
