#include "formats/terraform_json.h"

#include <set>

#include <nlohmann/json.hpp>

#include "formats/strict_json.h"

namespace lsqm {
namespace {

using nlohmann::json;

// Terraform's JSON lets a block be an object or an array of objects.
template <class F>
void for_each_object(const json& j, F&& f) {
  if (j.is_object()) f(j);
  else if (j.is_array())
    for (const auto& e : j)
      if (e.is_object()) f(e);
}

bool holds_template(const std::string& s) {
  return s.find("${") != std::string::npos || s.find("%{") != std::string::npos;
}

hcl::Attribute attribute_of(const std::string& name, const json& value) {
  hcl::Attribute a;
  a.name = name;
  a.expression = value.dump();
  if (value.is_string() && !holds_template(value.get<std::string>())) a.literal = value.get<std::string>();
  if (value.is_object()) {
    a.is_object = true;
    for (const auto& [k, v] : value.items())
      if (v.is_string() && !holds_template(v.get<std::string>())) a.object_strings[k] = v.get<std::string>();
  }
  return a;
}

bool holds_objects(const json& v) {
  if (v.is_object()) return true;
  if (!v.is_array() || v.empty()) return false;
  for (const auto& e : v)
    if (!e.is_object()) return false;
  return true;
}

hcl::Block block_of(const std::string& type, std::vector<std::string> labels, hcl::Body body) {
  hcl::Block b;
  b.type = type;
  b.labels = std::move(labels);
  b.body = std::move(body);
  return b;
}

hcl::Body body_of(const json& object);

// `"provisioner": {"local-exec": {…}}` or an array of such objects.
void add_provisioners(const json& value, hcl::Body& body) {
  for_each_object(value, [&](const json& o) {
    for (auto it = o.begin(); it != o.end(); ++it)
      for_each_object(it.value(), [&](const json& s) {
        body.blocks.push_back(block_of("provisioner", {it.key()}, body_of(s)));
      });
  });
}

// Depth is bounded by the first pass, so this recursion is too.
hcl::Body body_of(const json& object) {
  hcl::Body body;
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    if (key == "//") continue;
    if (key == "provisioner") {
      add_provisioners(it.value(), body);
      continue;
    }
    body.attributes.push_back(attribute_of(key, it.value()));
    if (holds_objects(it.value()))
      for_each_object(it.value(), [&](const json& o) { body.blocks.push_back(block_of(key, {}, body_of(o))); });
  }
  return body;
}

// Blocks labelled by the keys of `labels` nested objects: resource → type → name → body.
void add_labelled(const std::string& type, const json& value, std::size_t labels,
                  std::vector<std::string> so_far, hcl::Body& out) {
  for_each_object(value, [&](const json& o) {
    if (so_far.size() == labels) {
      out.blocks.push_back(block_of(type, so_far, body_of(o)));
      return;
    }
    for (const auto& [k, v] : o.items()) {
      if (k == "//") continue;
      auto next = so_far;
      next.push_back(k);
      add_labelled(type, v, labels, next, out);
    }
  });
}

hcl::Body terraform_body(const json& object) {
  hcl::Body body;
  for (const auto& [key, value] : object.items()) {
    if (key == "//") continue;
    if (key == "required_providers") {
      for_each_object(value, [&](const json& rp) {
        hcl::Body entries;
        for (const auto& [name, spec] : rp.items())
          if (name != "//") entries.attributes.push_back(attribute_of(name, spec));
        body.blocks.push_back(block_of("required_providers", {}, std::move(entries)));
      });
    } else if (key == "backend") {
      add_labelled("backend", value, 1, {}, body);
    } else {
      auto one = body_of(json::object({{key, value}}));
      for (auto& a : one.attributes) body.attributes.push_back(std::move(a));
      for (auto& b : one.blocks) body.blocks.push_back(std::move(b));
    }
  }
  return body;
}

std::size_t labels_of(const std::string& top_level_key) {
  if (top_level_key == "resource" || top_level_key == "data") return 2;
  if (top_level_key == "provider" || top_level_key == "module" || top_level_key == "variable" ||
      top_level_key == "output")
    return 1;
  return 0;
}

}  // namespace

hcl::File parse_terraform_json(std::string_view text, const hcl::Limits& limits) {
  hcl::File file;
  if (text.size() > limits.max_file_bytes) {
    file.error = "larger than " + std::to_string(limits.max_file_bytes) + " bytes";
    return file;
  }
  file.error = strict_json_error(text, limits.max_nesting);
  if (!file.error.empty()) return file;
  auto root = json::parse(text, nullptr, false);
  if (!root.is_object()) {
    file.error = "not a Terraform JSON object";
    return file;
  }
  static const std::set<std::string> known = {"resource", "data",   "provider", "module",
                                              "variable", "output", "locals",   "terraform",
                                              "moved",    "import", "check",    "removed"};
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string& key = it.key();
    const json& value = it.value();
    if (key == "//") continue;
    if (!known.count(key)) {
      file.error = "unsupported top-level key \"" + key + "\"";
      return file;
    }
    if (key == "terraform")
      for_each_object(value, [&](const json& o) { file.body.blocks.push_back(block_of(key, {}, terraform_body(o))); });
    else
      add_labelled(key, value, labels_of(key), {}, file.body);
  }
  return file;
}

}  // namespace lsqm
