#include "adapters/actor_failure.h"

#include <caf/sec.hpp>

#include "adapters/event_log.h"

namespace lsqm {
namespace {

std::string what_of(std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "a non-standard exception";
  }
}

}  // namespace

void report_exceptions(caf::scheduled_actor* self, std::string actor_name) {
  self->set_exception_handler(
      [name = std::move(actor_name)](caf::scheduled_actor*, std::exception_ptr& e) -> caf::error {
        auto text = name + ": " + what_of(e);
        log_failure(name, "actor_failed", "exception", text);
        return caf::make_error(caf::sec::runtime_error, text);
      });
}

std::string failure_text(const caf::error& e, caf::actor_system& sys) {
  const auto& context = e.context();
  if (context.match_elements<std::string>()) return context.get_as<std::string>(0);
  return sys.render(e);
}

}  // namespace lsqm
