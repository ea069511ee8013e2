// What a Terraform unit declares, read from its files without running terraform.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lsqm {

struct ModuleCall {
  std::string name;
  std::string source;   // as written: "./modules/x", "terraform-aws-modules/vpc/aws", …
  bool scanned = false; // a local module inside the unit, whose files were scanned too
};

struct TerraformScan {
  std::vector<std::string> resource_types;  // sorted, unique
  int resource_count = 0;                   // resource blocks (count / for_each not expanded)
  std::vector<std::string> data_types;      // sorted, unique
  std::vector<std::string> providers;       // provider types, sorted, unique; built-in "terraform" left out
  std::vector<std::string> provisioners;    // sorted, unique: local-exec, remote-exec, file
  bool uses_external_data = false;          // a `data "external"` source (runs a program)
  std::vector<ModuleCall> modules;          // in file order
  std::vector<std::string> errors;          // files that could not be read, e.g. malformed .tf.json
};

// Scans the unit's root *.tf / *.tf.json files and, following `module` calls with a local
// source ("./x", "../x" staying inside the unit), the module directories' files. HCL is
// read line by line after comments are removed; heredoc bodies are ignored.
TerraformScan scan_terraform(const std::map<std::string, std::string>& files);

// `hcl` with `#`, `//` and `/* */` comments removed and heredoc bodies blanked; string
// literals are kept and line breaks stay where they were.
std::string strip_hcl_comments(std::string_view hcl);

}  // namespace lsqm
