#ifndef KEYLEDGER_HTTP_SESSION_H_
#define KEYLEDGER_HTTP_SESSION_H_

// Internal to http/: the per-connection state machine (session.cc is the only
// file that includes Beast).

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http/server_state.h"

namespace boost::asio::ssl {
class context;
}

namespace keyledger::http {

// A socket bound to the io_context of one I/O thread (the concrete executor
// type spares every operation the type-erased any_io_executor).
using SessionSocket =
    boost::asio::basic_stream_socket<boost::asio::ip::tcp,
                                     boost::asio::io_context::executor_type>;

// Serves one accepted connection until it closes. The socket's io_context
// must be run by one thread (the session's handlers use no strand). `tls`
// null means plain HTTP; otherwise the session performs a
// TLS handshake first. `state` and `tls` must outlive the session.
void RunSession(SessionSocket socket, ServerState& state,
                boost::asio::ssl::context* tls);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_SESSION_H_
