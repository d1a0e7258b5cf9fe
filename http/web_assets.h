#ifndef KEYLEDGER_HTTP_WEB_ASSETS_H_
#define KEYLEDGER_HTTP_WEB_ASSETS_H_

// The web UI's static files, embedded into the binary at build time by
// cmake/embed_assets.cmake from http/web/. Nothing is read from disk at run
// time.

#include <span>
#include <string_view>

namespace keyledger::http {

// One embedded file. All views point into static storage that lives as long as
// the program; nothing here owns or allocates.
struct WebAsset {
  std::string_view path;          // "/index.html", "/assets/app.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view body;          // the file's exact bytes
};

// Every embedded asset, sorted by path. Defined in the generated source.
std::span<const WebAsset> AllWebAssets();

// Returns the asset whose path equals `path` exactly (case-sensitive, no
// normalisation, so "/../x" never matches), or nullptr. Thread-safe.
const WebAsset* FindWebAsset(std::string_view path);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_WEB_ASSETS_H_
