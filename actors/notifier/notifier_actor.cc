#include "actors/notifier/notifier_actor.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "actors/notifier/summary_text.h"
#include "adapters/event_log.h"
#include "adapters/http.h"
#include "adapters/actor_failure.h"

namespace lsqm {

notifier_actor::behavior_type notifier(notifier_actor::pointer self, NotifierSettings settings) {
  report_exceptions(self, "notifier");
  return {
      [=](notify_atom, const RunSummary& summary) {
        DeliveryReport report;
        report.text = summary_text(summary);
        if (settings.slack_webhook_url.empty() || settings.dry_run) {
          std::fputs(report.text.c_str(), stdout);
          std::fflush(stdout);
          return report;
        }
        HttpRequest post;
        post.method = "POST";
        post.url = settings.slack_webhook_url;
        post.headers = {{"Content-Type", "application/json"}};
        // Every name in the text came from outside: escaped, so none becomes a mention or link.
        post.body = nlohmann::json{{"text", slack_escaped(report.text)}}.dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace);
        auto answer = http_request(post);
        report.slack_sent = answer.ok();
        if (!report.slack_sent) {
          // Never log the webhook URL: it is a secret.
          auto why = answer.error.empty() ? "HTTP " + std::to_string(answer.status) : answer.error;
          report.errors.push_back("slack: " + why);
          log_event(spdlog::level::warn, "notify", "slack_failed",
                    {{"error", {{"type", "slack"}, {"message", why}}}});
          std::fputs(report.text.c_str(), stdout);
        }
        return report;
      },
  };
}

}  // namespace lsqm
