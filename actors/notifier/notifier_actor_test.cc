#include "actors/notifier/notifier_actor.h"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <caf/all.hpp>
#include <thread>

using namespace lsqm;

TEST_CASE("names from outside reach Slack escaped: <!channel> pings nobody", "[notifier]") {
  httplib::Server slack;
  std::vector<std::string> posted;
  slack.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
    posted.push_back(req.body);
    res.set_content("ok", "text/plain");
  });
  int port = slack.bind_to_any_port("127.0.0.1");
  std::thread t([&] { slack.listen_after_bind(); });

  RunSummary s;
  s.run_id = "20261122T000000Z-abcdef";
  s.total = 1;
  s.failed = 1;
  Regression reg;
  reg.arch_hash = std::string(64, 'a');
  reg.arch_name = "<!channel> & <https://evil.example|click>";
  reg.previous_status = Status::PASSED;
  reg.current_status = Status::FAILED;
  s.regressions.push_back(reg);

  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto n = sys.spawn<caf::detached>(
      notifier, NotifierSettings{"http://127.0.0.1:" + std::to_string(port) + "/hook", false});
  DeliveryReport report;
  self->request(n, caf::infinite, notify_atom::value, s)
      .receive([&](const DeliveryReport& d) { report = d; },
               [](caf::error&) { FAIL("notify failed"); });
  self->send_exit(n, caf::exit_reason::user_shutdown);
  slack.stop();
  t.join();

  CHECK(report.slack_sent);
  REQUIRE(posted.size() == 1);
  auto text = nlohmann::json::parse(posted[0])["text"].get<std::string>();
  CHECK_THAT(text, Catch::Contains("&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;"));
  CHECK_THAT(text, !Catch::Contains("<!channel>"));
  CHECK_THAT(text, !Catch::Contains("<https://"));
}
