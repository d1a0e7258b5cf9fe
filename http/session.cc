// The per-connection HTTP state machine, after the Beast advanced server
// examples. All of a session's I/O runs on the one thread of its
// io_context; a request is answered there when the router can do it without
// blocking (Router::TryDispatchInline), or later when the route deferred
// (a write: the store's writer thread posts the answer back), else handled
// on ServerState::handler_pool and the answer is posted back to the
// session's io_context.
// One request is in flight per connection at a time, so pipelined requests
// (already in buffer_) are answered in order.
#include "http/session.h"

#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

#include "http/response_headers.h"
#include "http/response_wire.h"
#include "http/session_dispatch.h"

namespace keyledger::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using Clock = std::chrono::steady_clock;
using BeastRequest = bhttp::request<bhttp::string_body>;
using PlainStream =
    beast::basic_stream<asio::ip::tcp, asio::io_context::executor_type>;
using TlsStream = beast::ssl_stream<PlainStream>;

// After a response that closes the connection, unread input is drained for
// this long (or up to kLingerBytes) so the client sees the response rather
// than a reset (a "lingering close", as nginx does).
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr size_t kLingerBytes = 4 << 20;
constexpr size_t kReadChunk = 4096;   // a request's first bytes
constexpr size_t kBodyChunk = 65536;  // a body's
constexpr size_t kKeptWireBytes = 16 << 10;
constexpr std::string_view kNoRoute = "unmatched";

Request ToRequest(BeastRequest&& message, const std::string& client_address) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    auto [it, inserted] = request.headers.emplace(
        std::string(field.name_string()), std::string(field.value()));
    if (!inserted) it->second.append(", ").append(field.value());
  }
  request.body = std::move(message.body());
  request.client_address = client_address;
  std::string_view id = request.Header("X-Request-Id");
  request.request_id = IsSaneRequestId(id) ? std::string(id) : NewRequestId();
  return request;
}

// Sum of field sizes as sent ("name: value\r\n"), without the request line.
size_t FieldBytes(const BeastRequest& message) {
  size_t size = 0;
  for (const auto& field : message)
    size += field.name_string().size() + field.value().size() + 4;
  return size;
}

bool IsParseError(const beast::error_code& ec) {
  static const auto& kCategory =
      bhttp::make_error_code(bhttp::error::bad_target).category();
  return ec.category() == kCategory && ec != bhttp::error::end_of_stream &&
         ec != bhttp::error::partial_message;
}

template <class Stream>
class Session : public Stoppable,
                public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  template <class... Args>
  Session(ServerState& state, std::string client_address, Args&&... stream_args)
      : stream_(std::forward<Args>(stream_args)...),
        state_(state),
        request_metrics_(state),
        client_address_(std::move(client_address)) {}

  ~Session() override {
    if (registered_) state_.Unregister(id_);
  }

  void Start() {
    id_ = state_.Register(this->weak_from_this());
    registered_ = true;
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        self->Tcp().expires_after(self->state_.settings.read_timeout);
        self->stream_.async_handshake(
            asio::ssl::stream_base::server, [self](beast::error_code ec) {
              if (ec) return self->Close();
              self->ReadNext(self->state_.settings.read_timeout);
            });
      } else {
        self->ReadNext(self->state_.settings.read_timeout);
      }
    });
  }

  void Shutdown() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->idle_) self->Tcp().cancel();
    });
  }

 private:
  PlainStream& Tcp() { return beast::get_lowest_layer(stream_); }

  template <class Method>
  auto Bind(Method method) {
    return beast::bind_front_handler(method, this->shared_from_this());
  }

  // Waits up to `wait` for the first byte of the next request, unless one
  // is already buffered (pipelining).
  void ReadNext(std::chrono::seconds wait) {
    if (state_.stopping) return Close();
    parser_.emplace();
    parser_->body_limit(state_.settings.body_limit);
    parser_->header_limit(static_cast<uint32_t>(state_.settings.header_limit +
                                                state_.settings.url_limit));
    header_checked_ = false;
    if (buffer_.size() > 0) return StartRequest();
    idle_ = true;
    Tcp().expires_after(wait);
    stream_.async_read_some(buffer_.prepare(kReadChunk),
                            Bind(&Session::OnRead));
  }

  // read_timeout bounds the whole request from its first byte on (slow-header
  // and slow-body clients).
  void StartRequest() {
    Tcp().expires_after(state_.settings.read_timeout);
    Parse();
  }

  // Any read error ends the connection: a timeout, a reset, or the client
  // closed (a request never needs EOF to end: without a length it has no
  // body), and nobody is left to answer.
  void OnRead(beast::error_code ec, size_t bytes) {
    if (ec) return Close();
    buffer_.commit(bytes);
    if (idle_) {
      idle_ = false;
      return StartRequest();
    }
    Parse();
  }

  // Feeds the buffered bytes to the parser (the request is usually whole in
  // one read, so this is where it gets parsed, without composed read
  // operations); checks the header once it is complete; reads more when the
  // parser needs it.
  void Parse() {
    while (buffer_.size() > 0 && !parser_->is_done()) {
      beast::error_code ec;
      buffer_.consume(parser_->put(buffer_.data(), ec));
      if (ec == bhttp::error::need_more) break;
      if (ec) return OnReadError(ec);
      if (!header_checked_ && parser_->is_header_done()) {
        header_checked_ = true;
        if (!CheckHeader()) return;
      }
    }
    if (parser_->is_done()) return OnMessage();
    const size_t chunk = parser_->is_header_done() ? kBodyChunk : kReadChunk;
    stream_.async_read_some(buffer_.prepare(chunk), Bind(&Session::OnRead));
  }

  // The limits and Expect: 100-continue, once the header is complete; false
  // when the request was answered (or parsing resumes after the 100).
  bool CheckHeader() {
    started_ = Clock::now();
    const BeastRequest& message = parser_->get();
    if (message.target().size() > state_.settings.url_limit) {
      RespondError(414, "request URI too long");
      return false;
    }
    if (FieldBytes(message) > state_.settings.header_limit) {
      RespondError(431, "request header fields too large");
      return false;
    }
    if (!parser_->is_done() &&
        beast::iequals(message[bhttp::field::expect], "100-continue")) {
      continue_ = {bhttp::status::continue_, message.version()};
      bhttp::async_write(
          stream_, continue_,
          [self = this->shared_from_this()](beast::error_code ec, size_t) {
            if (ec) return self->Close();
            self->Parse();
          });
      return false;
    }
    return true;
  }

  void OnMessage() {
    BeastRequest message = parser_->release();
    keep_alive_ = message.keep_alive();
    version_ = message.version();
    method_.assign(message.method_string());  // reuses the capacity
    target_.assign(message.target());
    Request request = ToRequest(std::move(message), client_address_);
    const bool may_defer = state_.BeginMayDefer();
    InlineOutcome outcome = TryHandleInline(
        state_, request, may_defer ? MakeResponder() : Responder());
    if (outcome.step == InlineStep::kDeferred && !outcome.answer) {
      // Held until the answer comes: no read or write of this connection
      // is pending meanwhile, so nothing else keeps the session alive.
      deferred_ = Deferred{this->shared_from_this(),
                           {std::move(request.path),
                            std::move(request.request_id),
                            std::move(outcome.route)}};
      return;
    }
    if (may_defer) state_.EndMayDefer();
    if (outcome.answer) return Write(std::move(*outcome.answer));
    asio::post(state_.handler_pool,
               [self = this->shared_from_this(), request = std::move(request)] {
                 Answer answer = Handle(self->state_, request);
                 asio::post(self->stream_.get_executor(),
                            [self, answer = std::move(answer)]() mutable {
                              self->Write(std::move(answer));
                            });
               });
  }

  // The Responder handed to inline handlers: it posts the answer's thunk to
  // this session's I/O thread (only the executor, which never changes, is
  // touched on the caller's thread). The session is kept alive by
  // deferred_, set before the posted call can run.
  Responder MakeResponder() {
    return [this](AnswerThunk answer) {
      asio::post(stream_.get_executor(), [this, answer = std::move(answer)] {
        WriteDeferred(answer);
      });
    };
  }

  void WriteDeferred(const AnswerThunk& answer) {
    Deferred deferred = std::move(*deferred_);
    deferred_.reset();
    Write(FinishDeferred(state_, std::move(deferred.request), answer));
    state_.EndMayDefer();
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::body_limit)
      return RespondError(413, "request body too large");
    if (ec == bhttp::error::header_limit) {
      return RespondError(431, "request header fields too large");
    }
    if (IsParseError(ec))
      return RespondError(400, "bad request: malformed HTTP request");
    Close();  // timeout, reset, or the client closed: nobody to answer
  }

  // Answers a request the router never saw, then closes the connection (the
  // rest of the input cannot be parsed reliably).
  void RespondError(int status, std::string_view message) {
    if (started_ == Clock::time_point()) started_ = Clock::now();
    keep_alive_ = false;
    version_ = 11;
    bool header_done = parser_ && parser_->is_header_done();
    method_ = header_done ? std::string(parser_->get().method_string()) : "";
    target_ =
        header_done ? std::string(parser_->get().target().substr(0, 256)) : "";
    Write(Answer{ErrorResponse(status, message), std::string(kNoRoute),
                 NewRequestId(),
                 IsApiPath(std::string_view(target_).substr(
                     0, target_.find('?')))});
  }

  void Write(Answer answer) {
    if (state_.stopping) keep_alive_ = false;
    route_ = std::move(answer.route);
    request_id_ = std::move(answer.request_id);
    SerializeResponse(answer.response,
                      {version_, keep_alive_, request_id_, answer.api}, status_,
                      wire_);
    Tcp().expires_after(state_.settings.read_timeout);
    asio::async_write(stream_, asio::buffer(wire_), Bind(&Session::OnWrite));
  }

  void OnWrite(beast::error_code ec, size_t) {
    auto duration = Clock::now() - started_;
    request_metrics_.Record(route_, method_, status_, duration);
    state_.log.Request(
        {method_, target_, status_, duration, request_id_, client_address_});
    // Keeps the buffer for the next response unless it grew unusually large.
    if (wire_.capacity() > kKeptWireBytes) {
      std::string().swap(wire_);
    } else {
      wire_.clear();
    }
    started_ = Clock::time_point();
    if (ec) return Close();
    if (!keep_alive_) return Linger();
    ReadNext(state_.settings.idle_timeout);
  }

  // Half-closes and discards input until EOF, kLingerBytes or kLingerTimeout.
  void Linger() {
    Tcp().expires_after(kLingerTimeout);
    if constexpr (kTls) {
      stream_.async_shutdown([self = this->shared_from_this()](
                                 beast::error_code) { self->Close(); });
    } else {
      beast::error_code ignored;
      Tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
      Drain();
    }
  }

  void Drain() {
    Tcp().async_read_some(
        asio::buffer(drain_buffer_),
        [self = this->shared_from_this()](beast::error_code ec, size_t bytes) {
          self->drained_ += bytes;
          if (ec || self->drained_ > kLingerBytes) return self->Close();
          self->Drain();
        });
  }

  void Close() {
    beast::error_code ignored;
    Tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    Tcp().close();
  }

  Stream stream_;
  ServerState& state_;
  RequestMetrics request_metrics_;
  const std::string client_address_;
  uint64_t id_ = 0;
  bool registered_ = false;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::empty_body> continue_;
  std::string wire_;             // the response being written
  int status_ = 0;               // its status
  bool idle_ = false;            // waiting for the first byte of a request
  bool header_checked_ = false;  // CheckHeader ran for the current request
  bool keep_alive_ = false;
  unsigned version_ = 11;
  size_t drained_ = 0;
  std::array<char, 16384> drain_buffer_;
  // A request an inline handler answers later (see MakeResponder()).
  struct Deferred {
    std::shared_ptr<Session> self;
    DeferredRequest request;
  };
  std::optional<Deferred> deferred_;
  // The request being answered, for its log line and metrics.
  Clock::time_point started_;
  std::string method_, target_, route_, request_id_;
};

}  // namespace

void RunSession(SessionSocket socket, ServerState& state,
                asio::ssl::context* tls) {
  beast::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  std::string address = ec ? std::string() : endpoint.address().to_string();
  if (tls) {
    std::make_shared<Session<TlsStream>>(state, std::move(address),
                                         std::move(socket), *tls)
        ->Start();
  } else {
    std::make_shared<Session<PlainStream>>(state, std::move(address),
                                           std::move(socket))
        ->Start();
  }
}

}  // namespace keyledger::http
