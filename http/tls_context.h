#ifndef KEYLEDGER_HTTP_TLS_CONTEXT_H_
#define KEYLEDGER_HTTP_TLS_CONTEXT_H_

// Internal to http/.

#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace keyledger::http {

// A TLS server context (TLS 1.2 or later) with the PEM certificate chain and
// private key loaded and checked against each other. Throws
// std::runtime_error naming the file and OpenSSL's reason when either cannot
// be loaded or they do not match.
std::unique_ptr<boost::asio::ssl::context> MakeTlsServerContext(
    const std::string& cert_file, const std::string& key_file);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_TLS_CONTEXT_H_
