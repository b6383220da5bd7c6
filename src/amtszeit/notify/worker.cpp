#include "amtszeit/notify/worker.h"

#include <spdlog/spdlog.h>

#include <array>
#include <map>
#include <utility>

#include "amtszeit/notify/outbox.h"
#include "amtszeit/notify/templates.h"

namespace amtszeit::notify {

struct Worker::Job {
  OutboxMessage message;
  Outgoing outgoing;
  bool attempted = false;
  Result<void> outcome;
};

Worker::Worker(store::Store& store, const Clock& clock, CatalogView catalog, const SecretBox& box,
               Senders senders, WorkerOptions options)
    : store_(store),
      clock_(clock),
      catalog_(std::move(catalog)),
      box_(box),
      senders_(std::move(senders)),
      options_(std::move(options)) {}

Worker::~Worker() { Stop(); }

absl::Duration Worker::Backoff(int attempts) const {
  absl::Duration pause = options_.first_retry;
  for (int i = 1; i < attempts && pause < options_.max_retry; ++i) pause *= 2;
  return std::min(pause, options_.max_retry);
}

Result<std::vector<Worker::Job>> Worker::Prepare(MessageChannel channel, absl::Time now,
                                                 PassCounts& counts) {
  auto due = store_.ReadDueMessages(channel, now, options_.batch);
  if (!due) return std::unexpected(due.error());
  std::vector<Job> jobs;
  if (due->empty()) return jobs;
  // What the back office wrote with the change a case's message tells of; read before the
  // transaction, which reads nothing but through its own handle.
  std::map<std::int64_t, std::string> notes;  // by message id
  for (const OutboxMessage& m : *due) {
    if (m.kind != MessageKind::kCaseQuestion && m.kind != MessageKind::kCaseRejected) continue;
    auto events = store_.ReadCaseEvents(m.subject.id);
    if (!events) return std::unexpected(events.error());
    const CaseStatus told = m.kind == MessageKind::kCaseQuestion ? CaseStatus::kWaitingForCitizen
                                                                 : CaseStatus::kRejected;
    for (const CaseEvent& e : *events) {
      if (e.to == told && e.at <= m.created_at) notes[m.id] = e.note;
    }
  }
  int dropped = 0;
  // Short: reads and decisions only, so bookings wait for this no longer than for one of theirs.
  auto written = store_.Write([&](store::WriteTx& tx) -> Result<void> {
    jobs.clear();
    dropped = 0;
    for (OutboxMessage& m : *due) {
      std::optional<Appointment> a;
      std::optional<OnlineCase> c;
      std::string why;
      if (m.subject.kind == SubjectKind::kCase) {
        auto found = tx.FindCaseById(m.subject.id);
        if (!found) return std::unexpected(found.error());
        c = std::move(*found);
        why = WhyNotSendCase(m, c);
      } else {
        auto found = tx.FindAppointmentById(m.subject.id);
        if (!found) return std::unexpected(found.error());
        a = std::move(*found);
        why = WhyNotSend(m, a, now);
      }
      if (!why.empty()) {
        m.status = MessageStatus::kDropped;
        m.recipient.clear();
        m.last_error = std::move(why);
        auto u = tx.UpdateOutboxMessage(m);
        if (!u && u.error().code != ErrorCode::kConflict) return u;
        if (auto f = ForgetTokenIfDone(tx, m.subject); !f) return f;
        ++dropped;
        continue;
      }
      std::string token;
      if (CarriesLink(m.kind)) {
        auto sealed = tx.FindOutboxSecret(m.subject);
        if (!sealed) return std::unexpected(sealed.error());
        if (*sealed) {
          auto opened = box_.Open(**sealed);
          if (opened) {
            token = std::move(*opened);
          } else {
            spdlog::warn("notify: message {}: {}; sent without links", m.id,
                         opened.error().message);
          }
        }
      }
      const MessageFacts facts =
          c ? CaseFactsOf(m, *c, notes[m.id], *catalog_, options_.base_url, token)
            : FactsOf(m, *a, *catalog_, options_.base_url, token);
      jobs.push_back(
          {.message = m,
           .outgoing = {
               .id = m.id, .to = m.recipient, .message = Render(facts, options_.zone), .at = now}});
    }
    return {};
  });
  if (!written) return std::unexpected(written.error());
  counts.dropped += dropped;
  return jobs;
}

Result<void> Worker::Record(std::vector<Job>& jobs, absl::Time now, PassCounts& counts) {
  PassCounts pass;
  auto written = store_.Write([&](store::WriteTx& tx) -> Result<void> {
    pass = {};
    for (Job& j : jobs) {
      if (!j.attempted) continue;
      OutboxMessage& m = j.message;
      m.attempts += 1;
      if (j.outcome) {
        m.status = MessageStatus::kSent;
        m.sent_at = now;
        m.recipient.clear();
        m.last_error.clear();
      } else if (Permanent(j.outcome.error()) || m.attempts >= options_.max_attempts) {
        m.status = MessageStatus::kFailed;
        m.recipient.clear();
        m.last_error = j.outcome.error().message;
      } else {
        m.next_attempt_at = now + Backoff(m.attempts);
        m.last_error = j.outcome.error().message;
      }
      auto u = tx.UpdateOutboxMessage(m);
      if (!u) {
        if (u.error().code == ErrorCode::kConflict) continue;  // a change dropped it meanwhile
        return u;
      }
      if (m.status != MessageStatus::kPending) {
        if (auto f = ForgetTokenIfDone(tx, m.subject); !f) return f;
      }
      ++(m.status == MessageStatus::kSent     ? pass.sent
         : m.status == MessageStatus::kFailed ? pass.failed
                                              : pass.retried);
    }
    return {};
  });
  if (!written) return written;
  for (const Job& j : jobs) {
    if (!j.attempted) continue;
    const OutboxMessage& m = j.message;
    if (j.outcome) {
      spdlog::info("notify: message {} ({} by {}) sent", m.id, ToString(m.kind),
                   ToString(m.channel));
    } else if (m.status == MessageStatus::kFailed) {
      spdlog::warn("notify: message {} ({} by {}) given up after {} attempts: {}", m.id,
                   ToString(m.kind), ToString(m.channel), m.attempts, m.last_error);
    } else {
      spdlog::warn("notify: message {} ({} by {}) attempt {} failed, next in {}: {}", m.id,
                   ToString(m.kind), ToString(m.channel), m.attempts,
                   absl::FormatDuration(Backoff(m.attempts)), m.last_error);
    }
  }
  counts.sent += pass.sent;
  counts.failed += pass.failed;
  counts.retried += pass.retried;
  return {};
}

Result<PassCounts> Worker::RunOnce() {
  PassCounts counts;
  const std::array<std::pair<MessageChannel, Sender*>, 2> channels = {
      std::pair{MessageChannel::kEmail, senders_.email.get()},
      std::pair{MessageChannel::kSms, senders_.sms.get()}};
  for (const auto& [channel, sender] : channels) {
    if (sender == nullptr || stop_) continue;
    auto jobs = Prepare(channel, clock_.Now(), counts);
    if (!jobs) return std::unexpected(jobs.error());
    for (Job& j : *jobs) {
      if (stop_) break;  // left pending as it was: the next start sends it
      j.outcome = sender->Send(j.outgoing, stop_);
      // Aborted by the stop: not the recipient's fault, and not an attempt.
      j.attempted = j.outcome || !stop_;
    }
    if (auto ok = Record(*jobs, clock_.Now(), counts); !ok) return std::unexpected(ok.error());
  }
  return counts;
}

void Worker::Loop() {
  while (!stop_) {
    if (auto pass = RunOnce(); !pass) {
      spdlog::warn("notify: outbox pass failed: {}", pass.error().message);
    }
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, absl::ToChronoMilliseconds(options_.poll), [&] { return stop_.load(); });
  }
}

void Worker::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Worker::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace amtszeit::notify
