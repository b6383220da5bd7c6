// The PostgreSQL change feed: LISTEN on a dedicated connection; notifications from this process's
// own writer are skipped (its engine already applied them).
#include <fmt/format.h>

#include "amtszeit/store/change_feed.h"
#include "amtszeit/store/pg_db.h"
#include "amtszeit/store/pg_store.h"

namespace amtszeit::store {

namespace {

class PgChangeFeed final : public ChangeFeed {
 public:
  PgChangeFeed(std::unique_ptr<PgDb> db, const PgStore& store)
      : db_(std::move(db)), store_(store) {}

  int Socket() const override { return PQsocket(db_->raw()); }

  Result<bool> Drain() override {
    if (PQconsumeInput(db_->raw()) == 0 || db_->Broken()) {
      return Fail(ErrorCode::kUnavailable, "change feed lost its connection: {}",
                  PQerrorMessage(db_->raw()));
    }
    bool changed = false;
    while (PGnotify* n = PQnotifies(db_->raw())) {
      if (n->be_pid != store_.WriterPid()) changed = true;
      PQfreemem(n);
    }
    return changed;
  }

 private:
  std::unique_ptr<PgDb> db_;
  const PgStore& store_;
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
  return std::unique_ptr<ChangeFeed>(new PgChangeFeed(std::move(*db), *pg));
}

}  // namespace amtszeit::store
