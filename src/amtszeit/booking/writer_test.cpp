#include "amtszeit/booking/writer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <latch>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::booking {
namespace {

using testing::TempDir;

WriteCommand PutDistrict(std::string id) {
  return {.write = [id = std::move(id)](store::WriteTx& tx) {
    return tx.PutDistrict({id, "District " + id});
  }};
}

// Commands that arrive while a group is being written wait for the next one and share it: the
// first command holds the writer in its prepare step until the others are queued, so exactly two
// transactions carry all of them. What was answered is there after the store is reopened.
TEST(WriterTest, CommandsQueuedDuringAGroupShareTheNextCommitAndSurviveAReopen) {
  TempDir dir;
  constexpr int kWaiting = 12;
  {
    auto store = store::OpenStore(dir.File("w.db"));
    ASSERT_TRUE(store) << store.error().message;
    Writer writer(**store);
    std::latch queued(kWaiting);
    std::atomic<bool> first_prepared = false;
    std::thread first([&] {
      WriteCommand c = PutDistrict("first");
      c.prepare = [&]() -> Result<void> {
        first_prepared = true;
        queued.wait();
        // The others counted down just before submitting; give them the moment to queue.
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return {};
      };
      EXPECT_TRUE(writer.Submit(std::move(c)));
    });
    while (!first_prepared) std::this_thread::yield();
    std::vector<std::thread> others;
    others.reserve(kWaiting);
    std::atomic<int> answered = 0;
    for (int i = 0; i < kWaiting; ++i) {
      others.emplace_back([&, i] {
        queued.count_down();
        if (writer.Submit(PutDistrict("d" + std::to_string(i)))) ++answered;
      });
    }
    first.join();
    for (auto& t : others) t.join();
    EXPECT_EQ(answered.load(), kWaiting);
    EXPECT_EQ(writer.commands(), static_cast<std::uint64_t>(kWaiting + 1));
    EXPECT_EQ(writer.commits(), 2u);
    EXPECT_EQ(writer.largest_group(), static_cast<std::uint64_t>(kWaiting));
    const Writer::CommitTimes times = writer.commit_times();
    std::uint64_t timed = 0;
    for (std::uint64_t n : times.buckets) timed += n;
    EXPECT_EQ(timed, 2u) << "each group is timed once, when its sync returned";
  }
  auto reopened = store::OpenStore(dir.File("w.db"));
  ASSERT_TRUE(reopened) << reopened.error().message;
  auto catalog = (*reopened)->ReadCatalog();
  ASSERT_TRUE(catalog) << catalog.error().message;
  EXPECT_EQ(catalog->districts.size(), static_cast<std::size_t>(kWaiting + 1));
}

// A refused command is answered with its own error and undone; its group's other commands and
// their published effects stand, and each step ran on one side of the commit only.
TEST(WriterTest, ARefusedCommandIsUndoneWhileItsGroupCommits) {
  TempDir dir;
  auto store = store::OpenStore(dir.File("w.db"));
  ASSERT_TRUE(store) << store.error().message;
  Writer writer(**store);
  std::atomic<int> published = 0;
  std::atomic<int> undone = 0;
  WriteCommand good = PutDistrict("good");
  good.publish = [&] { ++published; };
  good.undo = [&] { ++undone; };
  WriteCommand refused{
      .write = [](store::WriteTx&) -> Result<void> { return Fail(ErrorCode::kConflict, "taken"); },
      .undo = [&] { ++undone; },
      .publish = [&] { ++published; }};
  WriteCommand unprepared = PutDistrict("never");
  unprepared.prepare = []() -> Result<void> { return Fail(ErrorCode::kConflict, "no time"); };
  EXPECT_TRUE(writer.Submit(std::move(good)));
  auto r = writer.Submit(std::move(refused));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  auto u = writer.Submit(std::move(unprepared));
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().message, "no time");
  EXPECT_EQ(published.load(), 1);
  EXPECT_EQ(undone.load(), 1);
  auto catalog = (*store)->ReadCatalog();
  ASSERT_TRUE(catalog);
  ASSERT_EQ(catalog->districts.size(), 1u);
  EXPECT_EQ(catalog->districts[0].id, "good");
}

// Whether another thread could read under `mu` right now: it cannot while the writer holds it.
bool OthersCanRead(std::shared_mutex& mu) {
  bool could = false;
  std::thread reader([&] {
    could = mu.try_lock_shared();
    if (could) mu.unlock_shared();
  });
  reader.join();
  return could;
}

// The steps that touch memory run with the owner's lock held exclusively, those of a refused
// command too, and the lock is free again once the callers are answered.
TEST(WriterTest, PrepareUndoAndPublishRunUnderTheMemoryLock) {
  TempDir dir;
  auto store = store::OpenStore(dir.File("w.db"));
  ASSERT_TRUE(store) << store.error().message;
  std::shared_mutex memory;
  Writer writer(**store, Writer::kMaxGroup, &memory);
  std::vector<std::string> locked_steps;
  auto note = [&](std::string step) {
    if (!OthersCanRead(memory)) locked_steps.push_back(std::move(step));
  };
  WriteCommand good = PutDistrict("good");
  good.prepare = [&]() -> Result<void> {
    note("prepare");
    return {};
  };
  good.publish = [&] { note("publish"); };
  WriteCommand refused{
      .write = [](store::WriteTx&) -> Result<void> { return Fail(ErrorCode::kConflict, "taken"); },
      .undo = [&] { note("undo"); }};
  EXPECT_TRUE(writer.Submit(std::move(good)));
  EXPECT_FALSE(writer.Submit(std::move(refused)));
  EXPECT_EQ(locked_steps, (std::vector<std::string>{"prepare", "publish", "undo"}));
  EXPECT_TRUE(OthersCanRead(memory));
}

// Puts a pipe in place of every read-only descriptor of `file` (the store's own descriptor for
// syncing the log; SQLite's writing connection holds the log read-write and keeps working), so
// that fdatasync on it fails (EINVAL) as on a disk that reports an error. Returns how many.
int BreakReadOnlyDescriptorsOf(const std::string& file) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return 0;
  int replaced = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    const auto target = std::filesystem::read_symlink(entry.path(), ec);
    if (ec || target != std::filesystem::path(file)) continue;
    const int fd = std::stoi(entry.path().filename().string());
    if ((fcntl(fd, F_GETFL) & O_ACCMODE) != O_RDONLY) continue;
    if (dup2(pipe_fds[0], fd) == fd) ++replaced;
  }
  close(pipe_fds[0]);
  close(pipe_fds[1]);
  return replaced;
}

// When the disk does not confirm a sync, the commands of that group are answered unavailable
// (they may be lost), and so is every later one: nothing is written on top of a state the disk
// may not hold until a restart recovers from what it does hold (PostgreSQL's fsync rule).
TEST(WriterTest, AFailedSyncAnswersUnavailableAndRefusesEveryLaterCommand) {
  TempDir dir;
  const std::string path = dir.File("w.db");
  auto store = store::OpenStore(path);
  ASSERT_TRUE(store) << store.error().message;
  Writer writer(**store);
  ASSERT_TRUE(writer.Submit(PutDistrict("before")));
  ASSERT_GE(BreakReadOnlyDescriptorsOf(std::filesystem::canonical(path).string() + "-wal"), 1);
  auto unsynced = writer.Submit(PutDistrict("unsynced"));
  ASSERT_FALSE(unsynced);
  EXPECT_EQ(unsynced.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(unsynced.error().message.find("may not have reached the disk"), std::string::npos)
      << unsynced.error().message;
  auto later = writer.Submit(PutDistrict("later"));
  ASSERT_FALSE(later);
  EXPECT_EQ(later.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(later.error().message.find("needs a restart"), std::string::npos)
      << later.error().message;
  EXPECT_EQ(writer.commits(), 2u) << "nothing was written after the failed sync";
}

TEST(WriterTest, RefusesCommandsAfterStop) {
  TempDir dir;
  auto store = store::OpenStore(dir.File("w.db"));
  ASSERT_TRUE(store) << store.error().message;
  Writer writer(**store);
  ASSERT_TRUE(writer.Submit(PutDistrict("before")));
  writer.Stop();
  auto r = writer.Submit(PutDistrict("after"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace amtszeit::booking
