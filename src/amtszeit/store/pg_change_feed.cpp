// The PostgreSQL change feed: LISTEN on a dedicated connection; notifications from this process's
// own writer are skipped (its engine already applied them) but their versions still count.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "amtszeit/store/change_feed.h"
#include "amtszeit/store/pg_db.h"
#include "amtszeit/store/pg_store.h"

namespace amtszeit::store {

namespace {

Result<std::int64_t> StoredVersion(PgDb& db) {
  auto st = db.Prepare("SELECT version FROM change_feed WHERE id = 1");
  if (!st) return std::unexpected(st.error());
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kDataLoss, "the change feed's version row is missing");
  return st->Int(0);
}

class PgChangeFeed final : public ChangeFeed {
 public:
  PgChangeFeed(std::unique_ptr<PgDb> db, const PgStore& store, std::int64_t version)
      : db_(std::move(db)), store_(store), version_(version) {}

  int Socket() const override { return PQsocket(db_->raw()); }
  std::int64_t Version() const override { return version_; }

  Result<Changes> Drain() override {
    if (PQconsumeInput(db_->raw()) == 0 || db_->Broken()) {
      return Fail(ErrorCode::kUnavailable, "change feed lost its connection: {}",
                  PQerrorMessage(db_->raw()));
    }
    Changes changes;
    while (PGnotify* n = PQnotifies(db_->raw())) {
      Absorb(n->extra, n->be_pid != store_.WriterPid(), changes);
      PQfreemem(n);
    }
    return changes;
  }

 private:
  // One notification's payload, "VERSION [index] [catalog] [queue:LOCATION]...". Its version counts
  // even when the change is this process's own (already applied here).
  void Absorb(std::string_view payload, bool from_other, Changes& changes) {
    bool first = true;
    while (!payload.empty()) {
      const std::size_t space = payload.find(' ');
      const std::string_view word = payload.substr(0, space);
      payload = space == std::string_view::npos ? std::string_view() : payload.substr(space + 1);
      if (first) {
        first = false;
        std::int64_t version = 0;
        const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), version);
        if (ec == std::errc() && end == word.data() + word.size()) {
          version_ = std::max(version_, version);
        }
        continue;
      }
      if (!from_other) continue;
      if (word == "index") changes.index = true;
      if (word == "catalog") changes.catalog = true;
      if (word.starts_with("queue:")) changes.queues.emplace(word.substr(6));
    }
  }

  std::unique_ptr<PgDb> db_;
  const PgStore& store_;
  std::int64_t version_;
};

}  // namespace

Result<std::unique_ptr<ChangeFeed>> ListenForChanges(Store& store) {
  auto* pg = dynamic_cast<PgStore*>(&store);
  if (pg == nullptr) return std::unique_ptr<ChangeFeed>();
  auto db = PgDb::Connect(pg->Url());
  if (!db) return std::unexpected(db.error());
  if (auto ok = (*db)->Exec(fmt::format("LISTEN {}", kChangeChannel)); !ok) {
    return std::unexpected(ok.error());
  }
  // Read after LISTEN: a change that commits later is both notified and above this version.
  auto version = StoredVersion(**db);
  if (!version) return std::unexpected(version.error());
  return std::unique_ptr<ChangeFeed>(new PgChangeFeed(std::move(*db), *pg, *version));
}

Result<std::int64_t> ChangeVersion(Store& store) {
  auto* pg = dynamic_cast<PgStore*>(&store);
  if (pg == nullptr) return 0;
  auto db = PgDb::Connect(pg->Url());
  if (!db) return std::unexpected(db.error());
  return StoredVersion(**db);
}

}  // namespace amtszeit::store
