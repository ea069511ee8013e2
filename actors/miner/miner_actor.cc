#include "actors/miner/miner_actor.h"

#include "actors/miner/architecture_builder.h"
#include "adapters/atomic_file.h"
#include "adapters/clock.h"
#include "adapters/event_log.h"
#include "adapters/local_source.h"
#include "adapters/actor_failure.h"
#include "adapters/capped_read.h"
#include "formats/repo_layout.h"
#include "formats/source_url.h"
#include "formats/url_userinfo.h"
#include "formats/utf8.h"

namespace lsqm {
namespace fs = std::filesystem;
namespace {

using miner_ptr = miner_actor::stateful_pointer<miner_state>;

void note_error(miner_state& st, const std::string& raw_message) {
  auto message = escape_non_utf8(raw_message);  // names from outside may be any bytes
  ++st.summary.errors;
  st.summary.messages.push_back(message);
  log_event(spdlog::level::warn, "mine", "unit_error",
            {{"error", {{"type", "source"}, {"message", message}}}});
}

std::string relative_path(const fs::path& root, const fs::path& unit) {
  auto rel = fs::relative(unit, root).generic_string();
  return rel == "." ? "" : rel;
}

// A git source is fetched and checked out first; its units are then found like a directory's.
void scan_source(miner_state& st, const SourceSpec& spec) {
  bool git = spec.kind == "git" || (spec.kind.empty() && is_git_location(spec.location));
  fs::path root = spec.location;
  if (git) {
    auto tree = fetch_git_source(spec.location, spec.ref, st.settings.git);
    root = tree.dir;
    st.git_trees[root] = {spec.location, tree.commit};
    auto shown = url_without_userinfo(spec.location);
    st.summary.source_commits[shown] = tree.commit;
    log_event(spdlog::level::info, "mine", "source_fetched", {{"source", shown}, {"commit", tree.commit}});
  }
  auto tree = std::make_shared<const SourceTree>(scan_source_tree(root));
  for (auto& unit : root_modules(*tree))
    if (path_selected(relative_path(root, unit.dir), spec.paths, spec.exclude))
      st.units.emplace_back(tree, std::move(unit));
  for (auto& unit : find_template_units(root))
    if (path_selected(relative_path(root, unit.dir / unit.template_file), spec.paths, spec.exclude))
      st.templates.emplace_back(root, std::move(unit));
}

// A source that cannot be read is listed, and the others are still mined.
void scan_sources(miner_state& st) {
  st.scanned = true;
  for (auto& spec : st.settings.sources) {
    try {
      scan_source(st, spec);
    } catch (const std::exception& e) {
      auto failure = url_without_userinfo(spec.location) + ": " + e.what();
      note_error(st, "source " + failure);
      st.summary.failed_sources.push_back(escape_non_utf8(failure));
    }
  }
}

// A git unit is named after its repository: "serverless-patterns/apigw-lambda".
std::string unit_name(const miner_state& st, const fs::path& root, const fs::path& unit) {
  auto rel = relative_path(root, unit);
  auto git = st.git_trees.find(root);
  if (git == st.git_trees.end())
    return rel.empty() ? fs::absolute(unit).filename().string() : rel;
  auto repo = fs::path(url_without_userinfo(git->second.url)).filename().replace_extension().string();
  return rel.empty() ? repo : repo + "/" + rel;
}

// Where the unit came from: the commit-pinned URL of a git source, else the directory.
std::string unit_source_url(const miner_state& st, const fs::path& root, const fs::path& unit) {
  auto git = st.git_trees.find(root);
  if (git == st.git_trees.end()) return "file://" + fs::absolute(unit).string();
  return git_unit_url(git->second.url, git->second.commit, relative_path(root, unit));
}

void store(miner_state& st, const Architecture& arch) {
  auto dir = st.settings.repo_workdir / layout::arch_dir(arch.hash);
  for (auto& [path, content] : arch.files) write_file_atomic(dir / path, content);
  nlohmann::json meta = arch;
  meta.erase("files");
  write_file_atomic(dir / "metadata.json", meta.dump(2) + "\n");
}

// A changed architecture replaces the entry its source had under the old hash (for a git
// source: at an older commit).
void forget_source(miner_state& st, const std::string& source_url) {
  if (source_url.empty()) return;
  auto identity = unit_identity(source_url);
  for (auto it = st.index.begin(); it != st.index.end();) {
    if (it->is_object() && unit_identity(it->value("source_url", "")) == identity) {
      // An index key is a path only once it has the shape of a hash (never "../../x").
      if (!st.settings.dry_run && layout::is_arch_hash(it.key()))
        fs::remove_all(st.settings.repo_workdir / layout::arch_dir(it.key()));
      it = st.index.erase(it);
    } else {
      ++it;
    }
  }
}

// The architecture if it is to be handed out: recorded in the index when new or changed,
// nothing when it was handed out already or is known and not wanted again.
std::optional<Architecture> into_index(miner_state& st, Architecture arch) {
  if (!st.handed_out.insert(arch.hash).second) return std::nullopt;  // same content twice
  auto novelty = novelty_of(st.index, arch);
  if (novelty == Novelty::KNOWN) {
    if (!st.settings.include_known || !arch.skip_reason.empty()) return std::nullopt;
    ++st.summary.known;
    return arch;
  }
  forget_source(st, arch.source_url);  // CHANGED, or NEW at a new commit of its source
  if (!st.settings.dry_run) store(st, arch);
  st.index[arch.hash] = index_entry_of(arch);
  ++st.summary.new_count;
  if (!arch.skip_reason.empty()) {
    ++st.summary.skipped;
    st.summary.messages.push_back(arch.name + ": " + arch.skip_reason);
  }
  return arch;
}

// The template's directory is the unit; when it cannot be read whole (too many files, a
// Terraform file that is not text), the template alone.
std::map<std::string, std::string> template_unit_files(const TemplateUnit& unit) {
  try {
    return read_unit_files(unit.dir);
  } catch (const SourceError&) {
    auto text = read_file_within(unit.dir / unit.template_file, UnitLimits{}.max_file_bytes);
    if (!text) return {};
    return {{unit.template_file, *text}};
  }
}

Architecture template_architecture(miner_state& st, const fs::path& root, const TemplateUnit& unit) {
  const fs::path path = unit.dir / unit.template_file;
  NormalizedTemplate t;
  t.name = unit_name(st, root, path);
  t.source_url = unit_source_url(st, root, path);
  t.kind = template_kind_name(unit.kind);
  t.template_name = unit.template_file;
  t.refusal = unit.skip_reason;
  if (t.refusal.empty()) {
    auto files = template_unit_files(unit);
    auto translation = normalize_template(unit.kind, files, unit.template_file, st.settings.normalize);
    t.terraform = std::move(translation.files);
    t.refusal = std::move(translation.skip_reason);
    if (auto text = files.find(unit.template_file); text != files.end()) t.template_text = text->second;
  } else if (auto text = read_file_within(path, UnitLimits{}.max_file_bytes)) {
    t.template_text = *text;
  }
  if (!is_utf8_text(t.template_text)) t.template_text.clear();  // stored as text only
  return make_template_architecture(t, st.settings.catalog, utc_now_iso());
}

// True when `arch` is to go through the gate: translated whole, new, and not the twin of one
// already going (a YAML template beside its JSON form). A known one keeps the verdict it got
// when it was first mined.
bool needs_gate(miner_state& st, Architecture& arch, std::set<std::string>& gated) {
  if (!arch.skip_reason.empty() || st.handed_out.count(arch.hash)) return false;
  if (st.index.contains(arch.hash) && st.index[arch.hash].is_object()) {
    arch.skip_reason = st.index[arch.hash].value("skip_reason", "");
    return false;
  }
  return gated.insert(arch.hash).second;
}

// Normalizes template units until a batch's worth need the gate (or ten batches' worth were
// read), and puts those through terraform validate together (admission_gate.h); false when no
// template unit is left.
bool prepare_templates(miner_state& st) {
  if (st.templates.empty()) return false;
  const std::size_t size = std::max<std::size_t>(1, st.settings.admission.batch_size);
  std::vector<Architecture> batch;
  std::vector<std::size_t> checked;  // the positions in `batch` of the candidates
  std::set<std::string> gated;
  while (!st.templates.empty() && checked.size() < size && batch.size() < 10 * size) {
    auto [root, unit] = std::move(st.templates.front());
    st.templates.pop_front();
    ++st.summary.scanned;
    try {
      batch.push_back(template_architecture(st, root, unit));
    } catch (const std::exception& e) {
      note_error(st, (unit.dir / unit.template_file).string() + ": " + e.what());
      continue;
    }
    if (needs_gate(st, batch.back(), gated)) checked.push_back(batch.size() - 1);
  }
  std::vector<Architecture> candidates;
  for (auto i : checked) candidates.push_back(std::move(batch[i]));
  auto refusals = admission_refusals(candidates, st.settings.admission, &st.admission_cost);
  for (std::size_t k = 0; k < checked.size(); ++k) {
    batch[checked[k]] = std::move(candidates[k]);
    batch[checked[k]].skip_reason = refusals[k];
  }
  log_event(spdlog::level::info, "mine", "templates_admitted",
            {{"templates", batch.size()}, {"validated", checked.size()},
             {"terraform_runs", st.admission_cost.terraform_runs},
             {"terraform_seconds", st.admission_cost.seconds}});
  for (auto& arch : batch) st.ready.push_back(std::move(arch));
  return true;
}

// The next architecture from the sources, or nothing once they are exhausted: Terraform units
// first, then templates.
std::optional<Architecture> next_from_sources(miner_state& st) {
  while (!st.units.empty()) {
    auto [tree, unit] = st.units.front();
    st.units.pop_front();
    ++st.summary.scanned;
    Architecture arch;
    try {
      arch = make_architecture(unit_name(st, tree->root, unit.dir),
                               unit_source_url(st, tree->root, unit.dir), "terraform",
                               read_unit(*tree, unit), st.settings.catalog, utc_now_iso(),
                               st.settings.policy, unit.layout.root_dir);
    } catch (const std::exception& e) {
      note_error(st, unit.dir.string() + ": " + e.what());
      continue;
    }
    if (auto handed = into_index(st, std::move(arch))) return handed;
  }
  while (!st.ready.empty() || prepare_templates(st)) {
    if (st.ready.empty()) continue;
    auto arch = std::move(st.ready.front());
    st.ready.pop_front();
    if (auto handed = into_index(st, std::move(arch))) return handed;
  }
  return std::nullopt;
}

bool wanted(const MinerSettings& s, const std::string& hash) {
  if (s.only.empty()) return true;
  for (auto& prefix : s.only)
    if (hash.rfind(prefix, 0) == 0) return true;
  return false;
}

// The next indexed architecture not yet handed out in this run.
std::optional<Architecture> next_known(miner_state& st) {
  if (!st.known_listed) {
    st.known_listed = true;
    for (auto& [hash, entry] : st.index.items())
      if (entry.is_object() && entry.value("skip_reason", "").empty() &&
          !st.handed_out.count(hash) && wanted(st.settings, hash))
        st.known.push_back(hash);
  }
  while (!st.known.empty()) {
    auto hash = st.known.front();
    st.known.pop_front();
    st.handed_out.insert(hash);
    try {
      auto arch = load_stored_architecture(st.settings.repo_workdir, hash, st.index[hash]);
      // Mined under older rules, or edited in the clone: today's policy decides again.
      auto refusal = skip_reason_of(scan_terraform(arch.files, arch.root_dir), st.settings.catalog, st.settings.policy);
      if (!refusal.empty()) {
        ++st.summary.skipped;
        st.summary.messages.push_back(escape_non_utf8(arch.name) + ": " + refusal);
        continue;
      }
      ++st.summary.known;
      return arch;
    } catch (const std::exception& e) {
      note_error(st, "architectures/" + hash + ": " + e.what());
    }
  }
  return std::nullopt;
}

void flush_index(miner_state& st) {
  if (st.settings.dry_run) return;
  write_file_atomic(st.settings.repo_workdir / layout::kIndexPath,
                    st.index.dump(2) + "\n");
}

// Records the commit each git source was mined at, beside what other sources recorded.
void flush_source_commits(miner_state& st) {
  if (st.settings.dry_run || st.summary.source_commits.empty()) return;
  auto path = st.settings.repo_workdir / layout::kSourcesPath;
  auto sources = nlohmann::json::object();
  try {
    if (fs::exists(path)) sources = nlohmann::json::parse(read_file(path));
  } catch (const std::exception& e) {  // a record of past mines only: rebuilt from this one
    log_failure("mine", "sources_record_replaced", "corrupt_file", e.what(), path.string());
  }
  if (!sources.is_object()) sources = nlohmann::json::object();
  auto now = utc_now_iso();
  for (auto& [url, commit] : st.summary.source_commits)
    sources[url] = {{"commit", commit}, {"mined_at", now}};
  write_file_atomic(path, sources.dump(2) + "\n");
}

MineBatch pull(miner_state& st, std::uint32_t credit) {
  if (!st.scanned) scan_sources(st);
  MineBatch batch;
  bool wrote = false;
  while (batch.architectures.size() < credit) {
    auto arch = next_from_sources(st);
    if (arch) wrote = true;
    if (!arch && st.settings.include_known) arch = next_known(st);
    if (!arch) break;
    batch.architectures.push_back(std::move(*arch));
  }
  if (wrote) flush_index(st);
  bool sources_mined = st.units.empty() && st.templates.empty() && st.ready.empty();
  // A source counts as mined at its commit once all of its units were: not before.
  if (sources_mined && !st.commits_recorded) {
    st.commits_recorded = true;
    flush_source_commits(st);
  }
  // Done once a pull comes back short (everything is exhausted), or when nothing is left.
  batch.done = batch.architectures.size() < credit ||
               (sources_mined &&
                (!st.settings.include_known || (st.known_listed && st.known.empty())));
  return batch;
}

}  // namespace

Architecture load_stored_architecture(const fs::path& repo_workdir, const std::string& hash,
                                      const nlohmann::json& entry) {
  auto dir = repo_workdir / layout::arch_dir(hash);  // throws for a malformed index key
  auto arch = nlohmann::json::parse(read_file(dir / "metadata.json")).get<Architecture>();
  arch.hash = hash;
  arch.files.clear();
  for (auto& f : fs::recursive_directory_iterator(dir)) {
    if (!f.is_regular_file()) continue;
    auto rel = fs::relative(f.path(), dir).generic_string();
    if (rel != "metadata.json") arch.files[rel] = read_file(f.path());
  }
  if (arch.name.empty()) arch.name = entry.value("name", hash.substr(0, 12));
  return arch;
}

miner_actor::behavior_type miner(miner_ptr self, MinerSettings settings, nlohmann::json index) {
  report_exceptions(self, "miner");
  self->state.settings = std::move(settings);
  self->state.index = index.is_object() ? std::move(index) : nlohmann::json::object();
  return {
      [=](pull_atom, std::uint32_t credit) { return pull(self->state, credit); },
      [=](summary_atom) { return self->state.summary; },
  };
}

}  // namespace lsqm
