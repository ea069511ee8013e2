#include "formats/strict_json.h"

#include <set>
#include <vector>

#include <nlohmann/json.hpp>

namespace lsqm {
namespace {

using nlohmann::json;

// A pass that only checks: no key twice in one object, and bounded depth.
struct KeyChecker : nlohmann::json_sax<json> {
  std::size_t max_depth;
  std::vector<std::set<std::string>> keys;  // per open object
  std::size_t depth = 0;
  std::string error;

  explicit KeyChecker(std::size_t max) : max_depth(max) {}
  bool open() {
    if (++depth <= max_depth) return true;
    error = "nested deeper than " + std::to_string(max_depth);
    return false;
  }
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys.emplace_back();
    return open();
  }
  bool key(string_t& k) override {
    if (keys.back().insert(k).second) return true;
    error = "duplicate key \"" + k + "\"";
    return false;
  }
  bool end_object() override {
    keys.pop_back();
    --depth;
    return true;
  }
  bool start_array(std::size_t) override { return open(); }
  bool end_array() override {
    --depth;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
    error = "not valid JSON at byte " + std::to_string(position);
    return false;
  }
};

}  // namespace

std::string strict_json_error(std::string_view text, std::size_t max_depth) {
  KeyChecker check(max_depth);
  if (!json::sax_parse(text, &check) && check.error.empty()) return "not valid JSON";
  return check.error;
}

}  // namespace lsqm
