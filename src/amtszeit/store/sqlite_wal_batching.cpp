#include "amtszeit/store/sqlite_wal_batching.h"

#include <sqlite3.h>

#include <atomic>
#include <cstddef>
#include <mutex>
#include <new>
#include <vector>

#include "amtszeit/store/sqlite_db.h"

namespace amtszeit::store {
namespace {

constexpr char kBatchingVfsName[] = "amtszeit-wal-batching";
// The log's file header; frames follow it (https://www.sqlite.org/fileformat2.html#walformat).
constexpr sqlite3_int64 kWalHeaderBytes = 32;
constexpr int kFrameHeaderBytes = 24;
// At most this much is held and written at once; more goes out before the commit's end. SQLite's
// unix VFS takes a write of up to 128 KiB - 1 in one call: it masks a larger count to its low 17
// bits (seekAndWrite), which for a multiple of 128 KiB is nothing, and reports the disk full.
constexpr std::size_t kMaxHeldBytes = (std::size_t{1} << 17) - 1;

sqlite3_vfs* base_vfs = nullptr;  // set once, before the VFS is registered
std::atomic<std::uint64_t> log_writes = 0;

// Frames received but not yet written: one contiguous run of the log starting at `offset`.
struct HeldFrames {
  std::vector<char> bytes;
  sqlite3_int64 offset = 0;
  // Where the last write ended; only the write that continues there is held.
  sqlite3_int64 last_end = -1;
  // Where the page of the commit frame whose header was the last write begins, or -1.
  sqlite3_int64 commit_page_at = -1;
};

// SQLite allocates szOsFile bytes and sees only the first member; the default VFS's own file
// lives after this struct in the same allocation.
struct BatchingLogFile {
  sqlite3_file file;
  sqlite3_file* real;
  HeldFrames* held;
};

constexpr std::size_t RealFileOffset() {
  return (sizeof(BatchingLogFile) + alignof(std::max_align_t) - 1) / alignof(std::max_align_t) *
         alignof(std::max_align_t);
}

BatchingLogFile* Log(sqlite3_file* f) { return reinterpret_cast<BatchingLogFile*>(f); }
sqlite3_file* Real(sqlite3_file* f) { return Log(f)->real; }

int WriteHeld(sqlite3_file* f) {
  HeldFrames& held = *Log(f)->held;
  if (held.bytes.empty()) return SQLITE_OK;
  const int rc = Real(f)->pMethods->xWrite(Real(f), held.bytes.data(),
                                           static_cast<int>(held.bytes.size()), held.offset);
  log_writes.fetch_add(1, std::memory_order_relaxed);
  held.bytes.clear();
  return rc;
}

// A frame header's bytes 4..7: the database's size in pages after a commit, 0 in other frames.
bool EndsACommit(const void* frame_header) {
  const auto* b = static_cast<const unsigned char*>(frame_header);
  return (b[4] | b[5] | b[6] | b[7]) != 0;
}

int Write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  HeldFrames& held = *Log(f)->held;
  const bool continues = offset == held.last_end;
  held.last_end = offset + amount;
  const bool commit_header =
      amount == kFrameHeaderBytes && offset >= kWalHeaderBytes && EndsACommit(data);
  const bool commit_page = offset == held.commit_page_at;
  held.commit_page_at = commit_header ? offset + kFrameHeaderBytes : -1;
  if (!continues) {
    // Anything but the next bytes of the log (its header after a restart, a frame SQLite
    // rewrites in place, checksums it corrects before a commit) goes out at once, after what
    // is held, in the order SQLite wrote it.
    if (const int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
    log_writes.fetch_add(1, std::memory_order_relaxed);
    return Real(f)->pMethods->xWrite(Real(f), data, amount, offset);
  }
  if (held.bytes.size() + static_cast<std::size_t>(amount) > kMaxHeldBytes) {
    if (const int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
  }
  if (held.bytes.empty()) held.offset = offset;
  const auto* bytes = static_cast<const char*>(data);
  held.bytes.insert(held.bytes.end(), bytes, bytes + amount);
  // The commit is complete: out before SQLite publishes it in the log's index.
  return commit_page ? WriteHeld(f) : SQLITE_OK;
}

int Close(sqlite3_file* f) {
  const int held_rc = WriteHeld(f);
  const int rc = Real(f)->pMethods->xClose(Real(f));
  delete Log(f)->held;
  Log(f)->held = nullptr;
  return held_rc != SQLITE_OK ? held_rc : rc;
}

const sqlite3_io_methods kLogMethods = {
    .iVersion = 3,
    .xClose = Close,
    .xRead =
        [](sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
          if (const int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
          return Real(f)->pMethods->xRead(Real(f), out, amount, offset);
        },
    .xWrite = Write,
    .xTruncate =
        [](sqlite3_file* f, sqlite3_int64 size) {
          if (const int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
          return Real(f)->pMethods->xTruncate(Real(f), size);
        },
    .xSync =
        [](sqlite3_file* f, int flags) {
          if (const int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
          return Real(f)->pMethods->xSync(Real(f), flags);
        },
    .xFileSize =
        [](sqlite3_file* f, sqlite3_int64* size) {
          if (const int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
          return Real(f)->pMethods->xFileSize(Real(f), size);
        },
    .xLock = [](sqlite3_file* f, int lock) { return Real(f)->pMethods->xLock(Real(f), lock); },
    .xUnlock = [](sqlite3_file* f, int lock) { return Real(f)->pMethods->xUnlock(Real(f), lock); },
    .xCheckReservedLock =
        [](sqlite3_file* f, int* out) {
          return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
        },
    .xFileControl =
        [](sqlite3_file* f, int op, void* arg) {
          if (const int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
          return Real(f)->pMethods->xFileControl(Real(f), op, arg);
        },
    .xSectorSize = [](sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); },
    .xDeviceCharacteristics =
        [](sqlite3_file* f) { return Real(f)->pMethods->xDeviceCharacteristics(Real(f)); },
    .xShmMap =
        [](sqlite3_file* f, int page, int page_size, int extend, void volatile** out) {
          return Real(f)->pMethods->xShmMap(Real(f), page, page_size, extend, out);
        },
    .xShmLock = [](sqlite3_file* f, int offset, int n,
                   int flags) { return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags); },
    .xShmBarrier = [](sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); },
    .xShmUnmap = [](sqlite3_file* f,
                    int remove) { return Real(f)->pMethods->xShmUnmap(Real(f), remove); },
    .xFetch =
        [](sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
          if (const int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
          return Real(f)->pMethods->xFetch(Real(f), offset, amount, out);
        },
    .xUnfetch = [](sqlite3_file* f, sqlite3_int64 offset,
                   void* p) { return Real(f)->pMethods->xUnfetch(Real(f), offset, p); },
};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  // Every other file is the default VFS's own, in the front of the same allocation.
  if ((flags & SQLITE_OPEN_WAL) == 0) {
    return base_vfs->xOpen(base_vfs, name, file, flags, out_flags);
  }
  BatchingLogFile* log = Log(file);
  log->file.pMethods = nullptr;  // SQLite closes nothing when the open fails
  log->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + RealFileOffset());
  log->held = nullptr;
  const int rc = base_vfs->xOpen(base_vfs, name, log->real, flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  // The methods forward every call of version 3; an older file cannot be wrapped.
  if (log->real->pMethods->iVersion < 3) {
    log->real->pMethods->xClose(log->real);
    return SQLITE_CANTOPEN;
  }
  log->held = new (std::nothrow) HeldFrames;
  if (log->held == nullptr) {
    log->real->pMethods->xClose(log->real);
    return SQLITE_NOMEM;
  }
  log->file.pMethods = &kLogMethods;
  return SQLITE_OK;
}

sqlite3_vfs batching_vfs;

void Register() {
  ConfigureSqliteProcess();  // before sqlite3_vfs_find initialises SQLite
  base_vfs = sqlite3_vfs_find(nullptr);
  if (base_vfs == nullptr) return;
  batching_vfs = sqlite3_vfs{
      .iVersion = 2,
      .szOsFile = static_cast<int>(RealFileOffset()) + base_vfs->szOsFile,
      .mxPathname = base_vfs->mxPathname,
      .pNext = nullptr,
      .zName = kBatchingVfsName,
      .pAppData = nullptr,
      .xOpen = Open,
      .xDelete = [](sqlite3_vfs*, const char* name,
                    int sync_dir) { return base_vfs->xDelete(base_vfs, name, sync_dir); },
      .xAccess = [](sqlite3_vfs*, const char* name, int flags,
                    int* out) { return base_vfs->xAccess(base_vfs, name, flags, out); },
      .xFullPathname = [](sqlite3_vfs*, const char* name, int size,
                          char* out) { return base_vfs->xFullPathname(base_vfs, name, size, out); },
      .xDlOpen = [](sqlite3_vfs*, const char* name) { return base_vfs->xDlOpen(base_vfs, name); },
      .xDlError = [](sqlite3_vfs*, int size,
                     char* out) { base_vfs->xDlError(base_vfs, size, out); },
      .xDlSym = [](sqlite3_vfs*, void* handle, const char* symbol) -> void (*)(void) {
        return base_vfs->xDlSym(base_vfs, handle, symbol);
      },
      .xDlClose = [](sqlite3_vfs*, void* handle) { base_vfs->xDlClose(base_vfs, handle); },
      .xRandomness = [](sqlite3_vfs*, int size,
                        char* out) { return base_vfs->xRandomness(base_vfs, size, out); },
      .xSleep = [](sqlite3_vfs*, int us) { return base_vfs->xSleep(base_vfs, us); },
      .xCurrentTime = [](sqlite3_vfs*,
                         double* out) { return base_vfs->xCurrentTime(base_vfs, out); },
      .xGetLastError = [](sqlite3_vfs*, int size,
                          char* out) { return base_vfs->xGetLastError(base_vfs, size, out); },
      .xCurrentTimeInt64 =
          [](sqlite3_vfs*, sqlite3_int64* out) {
            return base_vfs->xCurrentTimeInt64(base_vfs, out);
          },
      .xSetSystemCall = nullptr,
      .xGetSystemCall = nullptr,
      .xNextSystemCall = nullptr,
  };
  sqlite3_vfs_register(&batching_vfs, /*makeDflt=*/0);
}

}  // namespace

const char* WalBatchingVfs() {
  static std::once_flag once;
  std::call_once(once, Register);
  return base_vfs != nullptr ? kBatchingVfsName : nullptr;
}

std::uint64_t WalBatchingWrites() { return log_writes.load(std::memory_order_relaxed); }

}  // namespace amtszeit::store
