#include "http/web_routes.h"

#include <string>

#include "http/web_assets.h"

namespace keyledger::http {
namespace {

Response AssetResponse(const WebAsset& asset) {
  Response response;
  response.status = 200;
  response.content_type = std::string(asset.content_type);
  response.body = std::string(asset.body);
  response.headers = {
      {"Content-Security-Policy", std::string(kWebContentSecurityPolicy)},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-cache"},
  };
  return response;
}

Handler Serve(const WebAsset& asset) {
  return [&asset](const Request&, const PathParams&) {
    return AssetResponse(asset);
  };
}

}  // namespace

void AddWebRoutes(Router& router) {
  for (const WebAsset& asset : AllWebAssets()) {
    router.Add("GET", asset.path, Serve(asset));
    if (asset.path == "/index.html") router.Add("GET", "/", Serve(asset));
  }
}

}  // namespace keyledger::http
