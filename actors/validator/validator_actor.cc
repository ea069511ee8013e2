#include "actors/validator/validator_actor.h"

#include <caf/typed_response_promise.hpp>

#include "adapters/event_log.h"
#include "adapters/actor_failure.h"

namespace lsqm {
namespace {

ValidationResult error_result(const Architecture& arch, const std::string& type,
                              const std::string& message) {
  ValidationResult r;
  r.arch_hash = arch.hash;
  r.arch_name = arch.name;
  r.status = Status::ERROR;
  r.error = {type, message};
  return r;
}

validation_worker_actor::behavior_type validation_worker(ValidationSettings settings) {
  return {
      [=](validate_atom, const Architecture& arch, const TestApp& app, const Slot& slot) {
        try {
          return run_validation(arch, app, slot, settings);
        } catch (const std::exception& e) {
          return error_result(arch, "internal", e.what());
        }
      },
  };
}

}  // namespace

validator_actor::behavior_type validator(validator_actor::stateful_pointer<validator_state> self,
                                         container_pool_actor pool, ValidationSettings settings) {
  report_exceptions(self, "validator");
  self->state.pool = pool;
  self->state.settings = settings;
  return {
      [=](validate_atom, const Architecture& arch,
          const TestApp& app) -> caf::typed_response_promise<ValidationResult> {
        auto rp = self->make_response_promise<ValidationResult>();
        // `infinite`: a requester that gave up would strand a slot in the pool.
        self->request(self->state.pool, caf::infinite, acquire_atom::value)
            .then(
                [=](const Slot& slot) mutable {
                  log_event(spdlog::level::info, "validate", "start",
                            {{"arch", arch.hash}, {"name", arch.name}, {"port", slot.port}});
                  auto worker = self->spawn<caf::detached>(validation_worker,
                                                           self->state.settings);
                  self->request(worker, caf::infinite, validate_atom::value, arch, app, slot)
                      .then(
                          [=](ValidationResult& r) mutable {
                            self->send(self->state.pool, release_atom::value, slot);
                            self->send_exit(worker, caf::exit_reason::normal);
                            rp.deliver(std::move(r));
                          },
                          [=](caf::error& err) mutable {
                            self->send(self->state.pool, release_atom::value, slot);
                            rp.deliver(error_result(arch, "internal", self->system().render(err)));
                          });
                },
                [=](caf::error& err) mutable {
                  rp.deliver(error_result(arch, "emulator_pool", self->system().render(err)));
                });
        return rp;
      },
  };
}

}  // namespace lsqm
