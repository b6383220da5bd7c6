// Staff actions audited in the transaction of the change they make: the entry and the change
// commit together or not at all, and the entry carries the state before and after.
//
// The gate opens an AuditScope on the thread that runs a staff member's request. Every write that
// thread starts meanwhile (Store::Write, or a booking::Writer command submitted from it) is passed
// through WithAudit(): it runs against an AuditingTx, which notes the audited records it touches
// (appointments, tickets, shifts, absences, closures, settings, measures, online cases) with the
// relevant fields before and after — ids and codes, never a citizen's contact — and then appends
// one AuditEntry in the same transaction (inside the command's savepoint). A write touching none
// of them appends nothing; the gate then writes its own entry for the request.
//
// The scope lives on the request's thread rather than in every service's signature: the services
// stay unaware of who calls them, and a write the request causes cannot escape the audit.
//
//   store::AuditScope scope({.at = now, .user = "k.meyer", .role = "counter_staff",
//                            .action = "POST /api/v1/...", .target = "{...}"});
//   queue.CallNext("kz-altona", "3");   // its transaction appends the entry
//   if (!scope.written()) { ... }       // nothing audited was touched
#pragma once

#include <atomic>
#include <memory>

#include "amtszeit/domain/staff_account.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store {

class AuditScope {
 public:
  // `entry` without before and after: who, when, what, on which target.
  explicit AuditScope(AuditEntry entry);
  ~AuditScope();
  AuditScope(const AuditScope&) = delete;
  AuditScope& operator=(const AuditScope&) = delete;

  // Whether a write of this scope appended its entry.
  bool written() const { return written_->load(); }

 private:
  friend WriteFn WithAudit(WriteFn fn);
  AuditEntry entry_;
  std::shared_ptr<std::atomic<bool>> written_;
  AuditScope* outer_;
};

// `fn` itself outside an AuditScope; inside one, `fn` audited (see above). Call it on the thread
// that started the write, before handing the function to another thread.
WriteFn WithAudit(WriteFn fn);

// Runs `fn` against an AuditingTx over `tx` and appends `entry`, completed with before and after,
// to `tx` when fn touched an audited record. true in *written then.
Result<void> RunAudited(const AuditEntry& entry, WriteTx& tx, const WriteFn& fn,
                        bool* written = nullptr);

}  // namespace amtszeit::store
