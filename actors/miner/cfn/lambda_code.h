// A Lambda function's or layer's code as a zip lsqm builds itself: inline code (ZipFile), or
// a local path relative to the template (the `aws cloudformation package` convention),
// packaged as it stands. What cannot be packaged honestly is a reason instead.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace lsqm::cfn {

struct LambdaPackage {
  std::string zip;     // the archive's bytes; empty when `reason` is set
  std::string reason;  // "needs code from S3: …", "needs build: …", "untranslated: …"
};

// `code`: the Code property (a path string, or {ZipFile} / {S3Bucket, S3Key} / {ImageUri});
// `runtime`, `handler`: the function's (empty for a layer, which needs no handler file).
LambdaPackage package_lambda_code(const nlohmann::json& code, const std::string& runtime, const std::string& handler,
                                  const std::map<std::string, std::string>& unit_files, const std::string& template_dir,
                                  const std::string& logical_id);

// The unit-relative path of `path` given relative to `dir`: "./" and "x/.." folded ("" is the
// unit's top); nothing when it leaves the unit or is absolute.
std::optional<std::string> resolve_unit_path(const std::string& dir, const std::string& path);

}  // namespace lsqm::cfn
