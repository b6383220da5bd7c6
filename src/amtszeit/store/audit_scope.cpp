#include "amtszeit/store/audit_scope.h"

#include "amtszeit/store/auditing_tx.h"

namespace amtszeit::store {

namespace {
thread_local AuditScope* current = nullptr;
}  // namespace

AuditScope::AuditScope(AuditEntry entry)
    : entry_(std::move(entry)),
      written_(std::make_shared<std::atomic<bool>>(false)),
      outer_(current) {
  current = this;
}

AuditScope::~AuditScope() { current = outer_; }

Result<void> RunAudited(const AuditEntry& entry, WriteTx& tx, const WriteFn& fn, bool* written) {
  AuditingTx audited(tx);
  if (auto ok = fn(audited); !ok) return ok;
  if (!audited.touched()) return {};
  AuditEntry e = entry;
  e.before = audited.Before();
  e.after = audited.After();
  auto id = tx.AppendAudit(e);
  if (!id) return std::unexpected(id.error());
  if (written != nullptr) *written = true;
  return {};
}

WriteFn WithAudit(WriteFn fn) {
  if (current == nullptr) return fn;
  // Copies: the function may run on the writer thread, and again when a group is retried.
  return [entry = current->entry_, flag = current->written_,
          fn = std::move(fn)](WriteTx& tx) -> Result<void> {
    bool written = false;
    auto ok = RunAudited(entry, tx, fn, &written);
    if (ok && written) flag->store(true);
    return ok;
  };
}

}  // namespace amtszeit::store
