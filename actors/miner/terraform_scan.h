// What a Terraform unit declares, read from its files without running terraform.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace lsqm {

struct ModuleCall {
  std::string name;
  std::string source;    // as written: "./modules/x", "terraform-aws-modules/vpc/aws", …
  std::string version;   // the `version` constraint as written, when a plain string
  bool scanned = false;  // a local module inside the unit, whose files were scanned too
  bool registry = false; // a public Terraform Registry address: terraform fetches it, unscanned
  std::string refusal;   // why terraform may not load this source; empty when it may
};

struct TerraformScan {
  std::vector<std::string> resource_types;  // sorted, unique
  int resource_count = 0;                   // resource blocks (count / for_each not expanded)
  std::vector<std::string> data_types;      // sorted, unique
  // Providers by full source address ("registry.terraform.io/hashicorp/aws"), sorted, unique;
  // the built-in "terraform" left out.
  std::vector<std::string> providers;
  std::vector<std::string> provisioners;    // sorted, unique: local-exec, remote-exec, file
  bool uses_external_data = false;          // a `data "external"` source (runs a program)
  std::vector<ModuleCall> modules;          // in file order
  std::vector<std::string> errors;          // files that could not be read, with the reason
  std::vector<std::string> needs_input;     // root variables nothing honest can set (terraform_inputs.h)
  // Non-empty when the root module creates nothing with its defaults: no resource of its own,
  // and every module call iterates over a variable defaulting to empty ("var.items").
  std::string empty_iteration;
};

// Reads the unit's root *.tf / *.tf.json files and, following `module` calls with a local
// source ("./x", "../x" staying inside the unit), the module directories' files: resources,
// data sources and modules come from those (what terraform loads). Every *.tf / *.tf.json
// file of the unit is read for what refuses a unit: unreadable files, provisioners, the
// external data source, providers. A Terraform file stored base64-encoded is an error.
// `root_dir` is the root module's directory among the files ("" or "examples/a"); a local
// source that climbs above the files' top is refused as leaving the source tree.
TerraformScan scan_terraform(const std::map<std::string, std::string>& files,
                             const std::string& root_dir = "");

}  // namespace lsqm
