#include "formats/zip_archive.h"

#include <memory>

#include <zip.h>

namespace lsqm {
namespace {

constexpr zip_uint16_t kDosDate1980 = (1 << 5) | 1;  // 1980-01-01: year 0, month 1, day 1
constexpr zip_uint32_t kRegularFile = 0100000;

std::string error_text(zip_error_t* error) {
  std::string text = zip_error_strerror(error);
  zip_error_fini(error);
  return text;
}

zip_uint32_t mode_of(const std::string& path) {
  const bool bootstrap = path == "bootstrap" || path.ends_with("/bootstrap");
  return kRegularFile | (bootstrap ? 0755 : 0644);
}

void add_entry(zip_t* archive, const std::string& path, const std::string& content) {
  zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
  if (!source) throw ZipError("zip: " + std::string(zip_strerror(archive)));
  const zip_int64_t index = zip_file_add(archive, path.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    throw ZipError("zip: " + path + ": " + zip_strerror(archive));
  }
  const auto i = static_cast<zip_uint64_t>(index);
  if (zip_file_set_dostime(archive, i, 0, kDosDate1980, 0) < 0 ||
      zip_file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, mode_of(path) << 16) < 0 ||
      zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 9) < 0)
    throw ZipError("zip: " + path + ": " + zip_strerror(archive));
}

// The bytes a buffer source holds after its archive was closed.
std::string source_bytes(zip_source_t* source) {
  zip_stat_t stat;
  if (zip_source_open(source) < 0) throw ZipError("zip: cannot read the archive back");
  std::string out;
  if (zip_source_stat(source, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE)) {
    out.resize(stat.size);
    const zip_int64_t n = zip_source_read(source, out.data(), stat.size);
    if (n < 0 || static_cast<zip_uint64_t>(n) != stat.size) out.clear();
  }
  zip_source_close(source);
  if (out.empty()) throw ZipError("zip: cannot read the archive back");
  return out;
}

}  // namespace

std::string deterministic_zip(const std::map<std::string, std::string>& files) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!source) throw ZipError("zip: " + error_text(&error));
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> keep(source, zip_source_free);
  zip_t* archive = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  if (!archive) throw ZipError("zip: " + error_text(&error));
  zip_source_keep(source);  // the bytes outlive the archive
  try {
    for (const auto& [path, content] : files) add_entry(archive, path, content);  // sorted: std::map
  } catch (...) {
    zip_discard(archive);
    throw;
  }
  if (zip_close(archive) < 0) {
    const std::string why = zip_strerror(archive);
    zip_discard(archive);
    throw ZipError("zip: " + why);
  }
  return source_bytes(source);
}

std::map<std::string, std::string> read_zip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) throw ZipError("zip: " + error_text(&error));
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive) {
    zip_source_free(source);
    throw ZipError("zip: " + error_text(&error));
  }
  std::map<std::string, std::string> entries;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_file_t* file = nullptr;
    if (zip_stat_index(archive, i, 0, &stat) == 0 && (file = zip_fopen_index(archive, i, 0))) {
      std::string content(stat.size, '\0');
      const zip_int64_t n = zip_fread(file, content.data(), stat.size);
      zip_fclose(file);
      if (n == static_cast<zip_int64_t>(stat.size)) {
        entries[stat.name] = std::move(content);
        continue;
      }
    }
    zip_close(archive);
    throw ZipError("zip: unreadable entry " + std::to_string(i));
  }
  zip_close(archive);
  return entries;
}

}  // namespace lsqm
