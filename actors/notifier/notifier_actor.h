// notifier: tells people how the run went. Slack when a webhook is configured, stdout else.
#pragma once

#include <functional>
#include <string>

#include <caf/typed_event_based_actor.hpp>

#include "messages/interfaces.h"

namespace lsqm {

struct NotifierSettings {
  std::string slack_webhook_url;  // empty: print to stdout
  bool dry_run = false;
};

// Spawn detached: posting to Slack blocks.
notifier_actor::behavior_type notifier(notifier_actor::pointer self, NotifierSettings settings);

}  // namespace lsqm
