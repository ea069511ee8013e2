// Template units in a local directory tree: CloudFormation, SAM and Serverless Framework files
// (formats/template_kind.h), and CDK apps, found beside the Terraform root modules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "formats/template_kind.h"

namespace lsqm {

struct TemplateUnit {
  std::filesystem::path dir;   // the template's directory: the unit's files (read_unit_files)
  std::string template_file;   // the template's name in `dir`
  TemplateKind kind = TemplateKind::none;
  std::string skip_reason;     // set when it cannot be normalized: "needs cdk synth", …
};

struct TemplateScanLimits {
  int max_depth = 10;                        // directory levels below the root
  std::uintmax_t max_file_bytes = 1 << 20;   // a larger file is read only when named like a template
  std::size_t max_files_read = 5000;         // candidate files parsed per tree, at most
};

// The template units under `root`, sorted by directory and file. Hidden directories,
// node_modules and directory symlinks are never entered. A file named like a template
// (named_like_template) that does not read, or is too large, is a unit with the reason; any
// other file that does not read is no unit. A CDK app (cdk.json) is a unit skipped as "needs
// cdk synth" unless its cdk.out holds a synthesized *.template.json, which is then found as
// CloudFormation like any template. Throws SourceError when `root` is not a directory.
std::vector<TemplateUnit> find_template_units(const std::filesystem::path& root,
                                              const TemplateScanLimits& limits = {});

}  // namespace lsqm
