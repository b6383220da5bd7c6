#include "amtszeit/server/notify_hook.h"

namespace amtszeit::server {

booking::ChangeHook NotifyHook(const notify::Notifier& notifier) {
  return [&notifier](store::WriteTx& tx, const booking::ChangeNote& note) -> Result<void> {
    EventKind kind = EventKind::kConfirmed;
    switch (note.change) {
      case booking::Change::kConfirmed:
        kind = EventKind::kConfirmed;
        break;
      case booking::Change::kCancelled:
        kind = EventKind::kCancelled;
        break;
      case booking::Change::kRescheduled:
        kind = EventKind::kRescheduled;
        break;
      case booking::Change::kReassigned:
        return {};
    }
    return notifier.OnChange(tx, kind, note.appointment, note.token, note.at);
  };
}

}  // namespace amtszeit::server
