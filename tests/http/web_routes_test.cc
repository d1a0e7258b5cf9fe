#define BOOST_TEST_MODULE web_routes
#include "http/web_routes.h"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "http/request.h"
#include "http/web_assets.h"

#ifndef KEYLEDGER_WEB_DIR
#error "KEYLEDGER_WEB_DIR must name the source folder of the web assets"
#endif

namespace keyledger::http {
namespace {

std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(KEYLEDGER_WEB_DIR) + relative, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot open " << relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string HeaderValue(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

Response Get(std::string_view target) {
  Router router;
  AddWebRoutes(router);
  return router.Dispatch(MakeRequest("GET", target));
}

BOOST_AUTO_TEST_SUITE(web_routes)

BOOST_AUTO_TEST_CASE(embedded_assets_are_the_exact_bytes_of_the_source_files) {
  BOOST_REQUIRE(!AllWebAssets().empty());
  for (const WebAsset& asset : AllWebAssets()) {
    BOOST_TEST_CONTEXT(asset.path) {
      BOOST_TEST(asset.body == ReadSourceFile(std::string(asset.path)));
    }
  }
}

BOOST_AUTO_TEST_CASE(assets_are_found_by_exact_path_with_their_content_type) {
  const WebAsset* js = FindWebAsset("/assets/app.js");
  BOOST_REQUIRE(js != nullptr);
  BOOST_TEST(js->content_type == "text/javascript; charset=utf-8");
  const WebAsset* css = FindWebAsset("/assets/app.css");
  BOOST_REQUIRE(css != nullptr);
  BOOST_TEST(css->content_type == "text/css; charset=utf-8");
  BOOST_TEST(FindWebAsset("/assets/../index.html") == nullptr);
  BOOST_TEST(FindWebAsset("/ASSETS/app.js") == nullptr);
  BOOST_TEST(FindWebAsset("") == nullptr);
}

BOOST_AUTO_TEST_CASE(
    root_serves_index_html_with_a_strict_content_security_policy) {
  const Response response = Get("/");
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.content_type == "text/html; charset=utf-8");
  BOOST_TEST(response.body == ReadSourceFile("/index.html"));
  BOOST_TEST(HeaderValue(response, "Content-Security-Policy") ==
             kWebContentSecurityPolicy);
  BOOST_TEST(kWebContentSecurityPolicy.find("unsafe") ==
             std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(every_asset_is_served_with_the_policy) {
  for (const WebAsset& asset : AllWebAssets()) {
    BOOST_TEST_CONTEXT(asset.path) {
      const Response response = Get(asset.path);
      BOOST_TEST(response.status == 200);
      BOOST_TEST(response.content_type == asset.content_type);
      BOOST_TEST(response.body == asset.body);
      BOOST_TEST(!HeaderValue(response, "Content-Security-Policy").empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(unknown_asset_paths_are_not_found) {
  BOOST_TEST(Get("/assets/missing.js").status == 404);
  BOOST_TEST(Get("/assets/app.js.map").status == 404);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace keyledger::http
