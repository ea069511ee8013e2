// What a `serverless deploy` would take from its command line and environment, given
// explicitly so expansion stays pure.
#pragma once

#include <map>
#include <string>

#include "actors/miner/template_files.h"

namespace lsqm {

struct ServerlessOptions {
  std::string stage;   // --stage; empty: provider.stage, else "dev"
  std::string region;  // --region; empty: provider.region, else "us-east-1"
  std::map<std::string, std::string> env;  // what ${env:X} sees
  TemplateFiles files;                      // what ${file(…)} reads (the service's unit)
};

}  // namespace lsqm
