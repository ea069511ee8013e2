// JSON read strictly: a key given twice in one object is refused (JSON readers disagree on
// which one wins, so a reader that kept one could miss what another tool sees), and nesting
// is bounded before anything is built.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lsqm {

// Empty when `text` is one JSON value with no duplicate key and no nesting deeper than
// `max_depth`; otherwise the reason ("duplicate key \"a\"", "not valid JSON at byte 12", …).
std::string strict_json_error(std::string_view text, std::size_t max_depth);

}  // namespace lsqm
