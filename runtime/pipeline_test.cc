// The coordinator against small stand-in stages: counting, credit, skips, closing.
#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

#include "runtime/pipeline.h"

using namespace lsqm;

namespace {

struct Counters {
  std::atomic<int> yielded{0};
  std::atomic<int> finished{0};  // recorded by the reporter, or dropped by the generator
  std::atomic<int> max_ahead{0};  // most architectures yielded and not yet finished
  std::atomic<int> max_credit{0};
};

void note_ahead(Counters& c) {
  int ahead = c.yielded - c.finished;
  int seen = c.max_ahead;
  while (ahead > seen && !c.max_ahead.compare_exchange_weak(seen, ahead)) {
  }
}

miner_actor::behavior_type stub_miner(miner_actor::pointer, std::shared_ptr<Counters> c,
                                      int total) {
  auto next = std::make_shared<int>(0);
  return {
      [=](pull_atom, std::uint32_t credit) {
        c->max_credit = std::max<int>(c->max_credit, credit);
        MineBatch b;
        for (std::uint32_t i = 0; i < credit && *next < total; ++i, ++*next) {
          Architecture a;
          a.hash = "h" + std::to_string(*next);
          a.name = *next % 5 == 4 ? "unsupported" : (*next % 7 == 6 ? "nogen" : "ok");
          if (a.name == "unsupported") a.skip_reason = "uses unsupported services: eks";
          else ++c->yielded;
          b.architectures.push_back(a);
        }
        note_ahead(*c);
        b.done = *next >= total;
        return b;
      },
      [=](summary_atom) {
        MiningSummary s;
        s.new_count = total;
        return s;
      },
  };
}

generator_actor::behavior_type stub_generator(std::shared_ptr<Counters> c) {
  return {
      [=](generate_atom, const Architecture& a) {
        GenerationOutcome out;
        out.ok = a.name != "nogen";
        if (!out.ok) {
          out.skip_reason = "token budget exhausted";
          ++c->finished;
        }
        out.app.arch_hash = a.hash;
        return out;
      },
  };
}

validator_actor::behavior_type stub_validator() {
  return {
      [=](validate_atom, const Architecture& a, const TestApp&) {
        ValidationResult r;
        r.arch_hash = a.hash;
        r.status = Status::PASSED;
        return r;
      },
  };
}

reporter_actor::behavior_type stub_reporter(std::shared_ptr<Counters> c) {
  auto recorded = std::make_shared<int>(0);
  return {
      [=](record_atom, const Architecture&, const ValidationResult&) {
        ++*recorded;
        ++c->finished;
        return true;
      },
      [=](finish_atom, const RunInfo& info) {
        RunSummary s;
        s.run_id = info.run_id;
        s.total = s.passed = *recorded;
        s.new_architectures = info.new_architectures;
        s.skipped_architectures = info.skipped_architectures;
        s.generation_skipped = info.generation_skipped;
        return s;
      },
  };
}

void stop_all(caf::scoped_actor& self, const PipelineActors& actors, const pipeline_actor& p) {
  for (auto a : {caf::actor_cast<caf::actor>(actors.miner), caf::actor_cast<caf::actor>(actors.generator),
                 caf::actor_cast<caf::actor>(actors.validator), caf::actor_cast<caf::actor>(actors.reporter),
                 caf::actor_cast<caf::actor>(p)})
    self->send_exit(a, caf::exit_reason::user_shutdown);
}

}  // namespace

TEST_CASE("the pipeline drains the miner within its window and counts every outcome",
          "[pipeline]") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto c = std::make_shared<Counters>();
  const int total = 40;
  PipelineActors actors;
  actors.miner = sys.spawn(stub_miner, c, total);
  actors.generator = sys.spawn(stub_generator, c);
  actors.validator = sys.spawn(stub_validator);
  actors.reporter = sys.spawn(stub_reporter, c);
  RunInfo info;
  info.run_id = "r1";
  auto p = sys.spawn(pipeline, actors, info, std::uint32_t{3}, std::map<std::string, Status>{});
  caf::scoped_actor self{sys};
  RunSummary summary;
  self->request(p, caf::infinite, run_atom::value)
      .receive([&](const RunSummary& s) { summary = s; },
               [&](caf::error& e) { FAIL(sys.render(e)); });

  int skipped = 0, nogen = 0;
  for (int i = 0; i < total; ++i) {
    if (i % 5 == 4) ++skipped;
    else if (i % 7 == 6) ++nogen;
  }
  CHECK(summary.run_id == "r1");
  CHECK(summary.skipped_architectures == skipped);
  CHECK(summary.generation_skipped == nogen);
  CHECK(summary.total == total - skipped - nogen);
  CHECK(summary.new_architectures == total);
  CHECK(c->max_credit <= 3);
  CHECK(c->max_ahead <= 3);  // never more than the window between miner and reporter
  stop_all(self, actors, p);
}

TEST_CASE("a miner with nothing to give closes the run at once", "[pipeline]") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto c = std::make_shared<Counters>();
  PipelineActors actors;
  actors.miner = sys.spawn(stub_miner, c, 0);
  actors.generator = sys.spawn(stub_generator, c);
  actors.validator = sys.spawn(stub_validator);
  actors.reporter = sys.spawn(stub_reporter, c);
  auto p = sys.spawn(pipeline, actors, RunInfo{}, std::uint32_t{4}, std::map<std::string, Status>{});
  caf::scoped_actor self{sys};
  self->request(p, caf::infinite, run_atom::value)
      .receive([&](const RunSummary& s) { CHECK(s.total == 0); },
               [&](caf::error& e) { FAIL(sys.render(e)); });
  stop_all(self, actors, p);
}

namespace {

struct Seen {
  std::mutex m;
  std::map<std::string, int> validations;                         // hash -> calls
  std::map<std::string, std::pair<Status, int>> recorded;         // hash -> (status, attempts)
  std::map<std::string, std::string> flaky;                       // hash -> recorded flaky detail
};

// Hands out one architecture per hash in `hashes`, all at once.
miner_actor::behavior_type list_miner(std::vector<std::string> hashes) {
  return {
      [=](pull_atom, std::uint32_t) {
        MineBatch b;
        for (auto& h : hashes) {
          Architecture a;
          a.hash = a.name = h;
          b.architectures.push_back(a);
        }
        b.done = true;
        return b;
      },
      [=](summary_atom) { return MiningSummary{}; },
  };
}

// "flaky" fails once then passes; "broken" always fails on the same call; "wobbly" always
// fails, on another call each time; "erroring" is an ERROR; "new" fails; "throttled" is new
// and fails on a transient answer once, then passes.
validator_actor::behavior_type scripted_validator(std::shared_ptr<Seen> seen) {
  return {
      [=](validate_atom, const Architecture& a, const TestApp&) {
        int call;
        {
          std::lock_guard<std::mutex> lock(seen->m);
          call = ++seen->validations[a.hash];
        }
        ValidationResult r;
        r.arch_hash = a.hash;
        r.status = a.hash == "erroring" ? Status::ERROR
                   : ((a.hash == "flaky" || a.hash == "throttled") && call > 1) ? Status::PASSED
                                                                                 : Status::FAILED;
        r.only_transient = a.hash == "throttled" && r.status == Status::FAILED;
        if (a.hash == "broken") r.failed_operations = {"sqs:CreateQueue HTTP 500 InternalFailure"};
        if (a.hash == "wobbly")
          r.failed_operations = {call == 1 ? "sqs:CreateQueue HTTP 503" : "s3:CreateBucket HTTP 503"};
        return r;
      },
  };
}

reporter_actor::behavior_type recording_reporter(std::shared_ptr<Seen> seen) {
  return {
      [=](record_atom, const Architecture&, const ValidationResult& r) {
        std::lock_guard<std::mutex> lock(seen->m);
        seen->recorded[r.arch_hash] = {r.status, r.attempts};
        seen->flaky[r.arch_hash] = r.flaky;
        return true;
      },
      [=](finish_atom, const RunInfo&) { return RunSummary{}; },
  };
}

}  // namespace

TEST_CASE("a suspected regression is validated again and only a confirmed one stands",
          "[pipeline]") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto seen = std::make_shared<Seen>();
  auto c = std::make_shared<Counters>();
  PipelineActors actors;
  actors.miner = sys.spawn(list_miner, std::vector<std::string>{"flaky", "broken", "wobbly", "erroring", "new",
                                                                    "throttled"});
  actors.generator = sys.spawn(stub_generator, c);
  actors.validator = sys.spawn(scripted_validator, seen);
  actors.reporter = sys.spawn(recording_reporter, seen);
  std::map<std::string, Status> baseline = {
      {"flaky", Status::PASSED}, {"broken", Status::PASSED}, {"wobbly", Status::PASSED},
      {"erroring", Status::PASSED}};
  auto p = sys.spawn(pipeline, actors, RunInfo{}, std::uint32_t{8}, baseline);
  caf::scoped_actor self{sys};
  self->request(p, caf::infinite, run_atom::value)
      .receive([](const RunSummary&) {}, [&](caf::error& e) { FAIL(sys.render(e)); });

  std::lock_guard<std::mutex> lock(seen->m);
  CHECK(seen->validations["flaky"] == 2);
  CHECK(seen->recorded["flaky"] == std::make_pair(Status::PASSED, 2));  // not a regression
  CHECK(seen->flaky["flaky"].find("confirmation run PASSED") != std::string::npos);
  CHECK(seen->validations["broken"] == 2);
  CHECK(seen->recorded["broken"] == std::make_pair(Status::FAILED, 2));  // confirmed
  CHECK(seen->flaky["broken"].empty());
  // Failing again, but another way: recorded as flaky, which is never a regression.
  CHECK(seen->recorded["wobbly"] == std::make_pair(Status::FAILED, 2));
  CHECK(seen->flaky["wobbly"].find("s3:CreateBucket") != std::string::npos);
  CHECK(seen->validations["erroring"] == 1);  // ERROR is never a regression
  CHECK(seen->validations["new"] == 1);       // nothing to regress from
  CHECK(seen->recorded["new"] == std::make_pair(Status::FAILED, 1));
  // Nothing to regress from, but a failure on transient answers only is asked again.
  CHECK(seen->validations["throttled"] == 2);
  CHECK(seen->recorded["throttled"] == std::make_pair(Status::PASSED, 2));
  CHECK_FALSE(seen->flaky["throttled"].empty());
  stop_all(self, actors, p);
}
