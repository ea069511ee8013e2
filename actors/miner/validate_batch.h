// Many architectures checked by one `terraform validate`: each is a module of a root that calls
// them all, so terraform reads the AWS provider's schema once for the batch (one validation of
// one architecture costs about as much CPU as one of forty). Pure: the root's text and who owns
// each diagnostic of `terraform validate -json`.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace lsqm {

struct BatchModule {
  std::string root_dir;                       // the architecture's root module among its files
  std::map<std::string, std::string> inputs;  // variable → HCL value text (terraform_inputs.h)
};

// Where module `index`'s files go in the batch directory: "m<index>".
std::string batch_module_dir(std::size_t index);

struct BatchRoot {
  std::string main_tf;           // one block per module: source "./m<i>[/root_dir]", its inputs
  std::vector<int> first_lines;  // the line where module i's block starts (1-based)
};

// The batch's root main.tf, and where each call is (a diagnostic on a call names its module).
BatchRoot batch_root_config(const std::vector<BatchModule>& modules);

struct BatchDiagnostics {
  bool readable = false;                    // the output held validate's JSON
  bool valid = false;                       // terraform said valid
  std::map<std::size_t, std::string> errors;  // module index → its first error
  std::string unattributed;                 // the first error no module owns
};

// Reads `terraform validate -json` output (other text around the JSON object is ignored) for
// the batch `root`. An error is "Summary: detail" (detail's first line, capped).
BatchDiagnostics attribute_diagnostics(const std::string& validate_output, const BatchRoot& root);

// The first "Error: …" line of terraform's human-readable output (init), or its last non-empty
// line when there is none; capped.
std::string first_terraform_error(const std::string& output);

}  // namespace lsqm
