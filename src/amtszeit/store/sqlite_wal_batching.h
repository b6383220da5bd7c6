// A SQLite VFS for the writer's connection that hands each commit's write-ahead log frames to the
// kernel in one write. SQLite writes a frame as two calls (its 24-byte header, then the page), and
// a frame of 4,120 bytes straddles two pages of the kernel's cache, so a commit of 30 pages cost
// 60 system calls and 90 page updates: in commit_bench the log's pwrite calls were a fifth of the
// writer thread's time. Everything except the log file is SQLite's default VFS untouched.
//
// The frames are held only until the commit's last frame (the one whose header carries the
// database size) has arrived, and are written before SQLite publishes the commit in the log's
// index, so no reader, checkpoint or sync can miss them: a read, sync, size query, truncation,
// file control or close of the log writes them first. A failed write is returned from the
// commit's own write call, as SQLite's own would be.
//
//   sqlite3_open_v2(path, &db, flags, WalBatchingVfs());
#pragma once

#include <cstdint>

namespace amtszeit::store {

// The VFS's name, registered (over SQLite's default VFS, not as the default) on the first call.
const char* WalBatchingVfs();

// Writes the VFS issued to log files since the process started, for tests.
std::uint64_t WalBatchingWrites();

}  // namespace amtszeit::store
