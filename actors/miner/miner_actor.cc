#include "actors/miner/miner_actor.h"

#include "actors/miner/architecture_builder.h"
#include "adapters/atomic_file.h"
#include "adapters/clock.h"
#include "adapters/event_log.h"
#include "adapters/local_source.h"
#include "adapters/actor_failure.h"
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

// The next architecture from the sources, or nothing once they are exhausted.
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
    if (!st.handed_out.insert(arch.hash).second) continue;  // same content twice
    auto novelty = novelty_of(st.index, arch);
    if (novelty == Novelty::KNOWN) {
      if (!st.settings.include_known || !arch.skip_reason.empty()) continue;
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
  // A source counts as mined at its commit once all of its units were: not before.
  if (st.units.empty() && !st.commits_recorded) {
    st.commits_recorded = true;
    flush_source_commits(st);
  }
  // Done once a pull comes back short (everything is exhausted), or when nothing is left.
  batch.done = batch.architectures.size() < credit ||
               (st.units.empty() && (!st.settings.include_known ||
                                     (st.known_listed && st.known.empty())));
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
