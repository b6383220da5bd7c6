// libFuzzer target: importing a city's data folder. The first byte picks one of the five files
// (districts, locations with their opening hours, services, school holidays, staffing); the rest
// replaces its content in a copy of a small valid data folder (fuzz/data: three Hamburg centres,
// so an input runs in milliseconds), which is then loaded and validated as
// `amtszeit demo` would. Any malformed file must be a clean error naming it.
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "amtszeit/dataset/dataset.h"

namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 5> kFiles = {"districts.json", "locations.json", "services.json",
                                               "school_holidays.json", "staffing.json"};

// A private copy of the real data, made once per process and removed at exit, and the files'
// original contents (restored after each input).
struct DataCopy {
  fs::path dir;
  std::array<std::string, kFiles.size()> originals;
};

const DataCopy& Data() {
  static const DataCopy copy = [] {
    DataCopy c{.dir = fs::temp_directory_path() / ("amtszeit-fuzz-" + std::to_string(getpid()))};
    fs::create_directories(c.dir);
    for (std::size_t i = 0; i < kFiles.size(); ++i) {
      std::ifstream in(fs::path(AMTSZEIT_SOURCE_DIR) / "fuzz" / "data" / kFiles[i],
                       std::ios::binary);
      c.originals[i].assign(std::istreambuf_iterator<char>(in), {});
      std::ofstream(c.dir / kFiles[i], std::ios::binary) << c.originals[i];
    }
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(Data().dir, ignored);
    });
    return c;
  }();
  return copy;
}

void Write(const fs::path& path, const char* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data, static_cast<std::streamsize>(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const DataCopy& data_copy = Data();
  const std::size_t which = data[0] % kFiles.size();
  const fs::path file = data_copy.dir / kFiles[which];
  Write(file, reinterpret_cast<const char*>(data + 1), size - 1);
  (void)amtszeit::dataset::LoadDataset(data_copy.dir);
  Write(file, data_copy.originals[which].data(), data_copy.originals[which].size());
  return 0;
}
