#ifndef KEYLEDGER_HTTP_SESSION_H_
#define KEYLEDGER_HTTP_SESSION_H_

// Internal to http/: the per-connection state machine (session.cc is the only
// file that includes Beast).

#include <boost/asio/ip/tcp.hpp>

#include "http/server_state.h"

namespace boost::asio::ssl {
class context;
}

namespace keyledger::http {

// Serves one accepted connection until it closes. The socket's executor must
// be a strand. `tls` null means plain HTTP; otherwise the session performs a
// TLS handshake first. `state` and `tls` must outlive the session.
void RunSession(boost::asio::ip::tcp::socket socket, ServerState& state,
                boost::asio::ssl::context* tls);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_SESSION_H_
