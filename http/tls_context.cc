#include "http/tls_context.h"

#include <boost/asio/ssl/context.hpp>
#include <stdexcept>

namespace keyledger::http {
namespace {

namespace ssl = boost::asio::ssl;

void Check(const boost::system::error_code& ec, const std::string& what) {
  if (ec) throw std::runtime_error("https: " + what + ": " + ec.message());
}

}  // namespace

std::unique_ptr<ssl::context> MakeTlsServerContext(
    const std::string& cert_file, const std::string& key_file) {
  if (cert_file.empty() || key_file.empty()) {
    throw std::runtime_error(
        "https: [server] cert_file and cert_key are required");
  }
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds |
                           ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                           ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                           ssl::context::single_dh_use,
                       ec);
  Check(ec, "cannot set TLS options");
  context->use_certificate_chain_file(cert_file, ec);
  Check(ec, "cannot load certificate chain from cert_file '" + cert_file + "'");
  context->use_private_key_file(key_file, ssl::context::pem, ec);
  // OpenSSL reports a key that does not belong to the certificate here, as
  // "key values mismatch".
  Check(ec, "cannot load private key from cert_key '" + key_file +
                "' for cert_file '" + cert_file + "'");
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    throw std::runtime_error(
        "https: key values mismatch: cert_key '" + key_file +
        "' is not the key of the certificate in '" + cert_file + "'");
  }
  return context;
}

}  // namespace keyledger::http
