// Sends what the outbox holds: a thread that wakes every poll interval, takes the messages that
// are due per channel with a sender, renders each from the appointment as it is now, sends it
// without holding any lock, and records the outcome — sent, a retry after an exponentially
// growing pause, or given up after the last attempt. Messages that are no longer true (a
// reminder of a cancelled appointment) are dropped instead. Nothing it logs names a person.
//
//   Worker worker(store, clock, catalog, box, {.email = MakeSmtpSender(...)}, options);
//   worker.Start();   // ... worker.Stop() on shutdown: an SMTP dialogue in flight is aborted
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/time/time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/live_catalog.h"
#include "amtszeit/notify/secret_box.h"
#include "amtszeit/notify/sender.h"
#include "amtszeit/store/store.h"

namespace amtszeit::notify {

struct Senders {
  std::unique_ptr<Sender> email;  // null: e-mails wait in the outbox
  std::unique_ptr<Sender> sms;
};

struct WorkerOptions {
  std::string base_url;  // of the links, without a trailing slash
  absl::TimeZone zone;
  absl::Duration poll = absl::Seconds(2);
  absl::Duration first_retry = absl::Seconds(30);  // doubles per failed attempt
  absl::Duration max_retry = absl::Hours(2);
  int max_attempts = 8;
  int batch = 50;
};

// What one pass did.
struct PassCounts {
  int sent = 0;
  int retried = 0;
  int failed = 0;
  int dropped = 0;
};

class Worker {
 public:
  Worker(store::Store& store, const Clock& clock, CatalogView catalog, const SecretBox& box,
         Senders senders, WorkerOptions options);
  ~Worker();  // stops the thread

  // One pass over what is due now. The thread calls it; tests call it directly.
  Result<PassCounts> RunOnce();

  void Start();
  // Ends the thread; a send in flight is aborted and retried after the next start.
  void Stop();

  // The pause after `attempts` failed attempts.
  absl::Duration Backoff(int attempts) const;

 private:
  struct Job;
  Result<std::vector<Job>> Prepare(MessageChannel channel, absl::Time now, PassCounts& counts);
  Result<void> Record(std::vector<Job>& jobs, absl::Time now, PassCounts& counts);
  void Loop();

  store::Store& store_;
  const Clock& clock_;
  CatalogView catalog_;
  const SecretBox& box_;
  Senders senders_;
  WorkerOptions options_;

  std::mutex mu_;
  std::condition_variable wake_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace amtszeit::notify
