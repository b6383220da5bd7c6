// Internal to store/: the notification outbox's tables in SQLite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/outbox_message.h"
#include "amtszeit/store/sqlite_db.h"

namespace amtszeit::store::rows {

Result<std::int64_t> InsertOutboxMessage(SqliteDb& db, const OutboxMessage& m);
Result<void> UpdateOutboxMessage(SqliteDb& db, const OutboxMessage& m);
Result<std::vector<OutboxMessage>> LoadPendingMessagesOf(SqliteDb& db,
                                                         const MessageSubject& subject);
Result<std::vector<OutboxMessage>> LoadMessagesOf(SqliteDb& db, const MessageSubject& subject);
Result<std::vector<OutboxMessage>> LoadDueMessages(SqliteDb& db, MessageChannel channel,
                                                   absl::Time now, int limit);
Result<void> PutOutboxSecret(SqliteDb& db, const MessageSubject& subject, std::string_view sealed);
Result<std::optional<std::string>> LoadOutboxSecret(SqliteDb& db, const MessageSubject& subject);
Result<void> DeleteOutboxSecret(SqliteDb& db, const MessageSubject& subject);

}  // namespace amtszeit::store::rows
