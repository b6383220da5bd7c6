// Shared set-up for the benchmarks: a Hamburg demo installation in a temporary SQLite file, and
// the rows `make bench` prints (name | measured | reference | ratio).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "amtszeit/booking/engine.h"
#include "amtszeit/dataset/dataset.h"
#include "amtszeit/provision/demo_load.h"
#include "amtszeit/store/store.h"

namespace amtszeit::bench {

inline absl::TimeZone Berlin() {
  absl::TimeZone tz;
  if (!absl::LoadTimeZone("Europe/Berlin", &tz)) std::abort();
  return tz;
}

inline std::string BenchDir() {
  const char* dir = std::getenv("AMTSZEIT_BENCH_DIR");
  std::string path = dir ? dir : std::filesystem::temp_directory_path().string();
  return path;
}

inline std::string DataDir() {
  const char* dir = std::getenv("AMTSZEIT_DATA_DIR");
  return dir ? dir : AMTSZEIT_SOURCE_DIR "/data/hamburg";
}

// A fresh store file with the Hamburg demo loaded as of `today`.
inline std::unique_ptr<store::Store> HamburgStore(const std::string& file, absl::CivilDay today) {
  std::filesystem::remove(file);
  std::filesystem::remove(file + "-wal");
  std::filesystem::remove(file + "-shm");
  auto dataset = dataset::LoadDataset(DataDir());
  if (!dataset) {
    std::fprintf(stderr, "bench: %s\n", dataset.error().message.c_str());
    std::abort();
  }
  auto store = store::OpenStore(file);
  if (!store) {
    std::fprintf(stderr, "bench: %s\n", store.error().message.c_str());
    std::abort();
  }
  HolidayCalendar holidays(today.year() - 1, today.year() + 2);
  if (auto loaded = provision::LoadDemo(*dataset, **store, today, holidays); !loaded) {
    std::fprintf(stderr, "bench: %s\n", loaded.error().message.c_str());
    std::abort();
  }
  return std::move(*store);
}

inline void Report(const std::string& name, double measured, double reference, double ratio) {
  std::printf("%-50s %14.2f %14.2f %8.2f\n", name.c_str(), measured, reference, ratio);
  if (const char* rows = std::getenv("AMTSZEIT_BENCH_ROWS")) {
    if (FILE* f = std::fopen(rows, "a")) {
      std::fprintf(f, "%s|%.2f|%.2f|%.2f\n", name.c_str(), measured, reference, ratio);
      std::fclose(f);
    }
  }
}

}  // namespace amtszeit::bench
