#include "http/web_assets.h"

#include <algorithm>

namespace keyledger::http {

const WebAsset* FindWebAsset(std::string_view path) {
  const std::span<const WebAsset> assets = AllWebAssets();
  const auto it = std::lower_bound(
      assets.begin(), assets.end(), path,
      [](const WebAsset& asset, std::string_view p) { return asset.path < p; });
  if (it == assets.end() || it->path != path) return nullptr;
  return &*it;
}

}  // namespace keyledger::http
