// Internal to store/: the notification outbox's tables in PostgreSQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/outbox_message.h"
#include "amtszeit/store/pg_db.h"

namespace amtszeit::store::pg {

Result<std::int64_t> InsertOutboxMessage(PgDb& db, const OutboxMessage& m);
Result<void> UpdateOutboxMessage(PgDb& db, const OutboxMessage& m);
Result<std::vector<OutboxMessage>> LoadPendingMessagesOf(PgDb& db, const MessageSubject& subject);
Result<std::vector<OutboxMessage>> LoadMessagesOf(PgDb& db, const MessageSubject& subject);
Result<std::vector<OutboxMessage>> LoadDueMessages(PgDb& db, MessageChannel channel, absl::Time now,
                                                   int limit);
Result<void> PutOutboxSecret(PgDb& db, const MessageSubject& subject, std::string_view sealed);
Result<std::optional<std::string>> LoadOutboxSecret(PgDb& db, const MessageSubject& subject);
Result<void> DeleteOutboxSecret(PgDb& db, const MessageSubject& subject);

}  // namespace amtszeit::store::pg
