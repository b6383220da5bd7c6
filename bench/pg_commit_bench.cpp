// Durable bookings per second on PostgreSQL (64 concurrent clients, hold + confirm, each
// acknowledged after the commit) against pgbench's simple-update transactions per second on the
// same cluster in the same run: scripts/bench starts a throwaway cluster, runs pgbench first and
// passes its figure in AMTSZEIT_BENCH_PGBENCH_TPS. Without AMTSZEIT_BENCH_PG_URL it does nothing.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>

#include "amtszeit/store/pg_db.h"
#include "bench_support.h"

namespace amtszeit::bench {
namespace {

struct Outcome {
  double bookings_per_second = 0;
  double commands_per_commit = 0;
  double writer_cpu_us_per_booking = 0;  // its own CPU, not the database server's
};

Outcome BookingsPerSecond(const std::string& url, int clients, int per_client) {
  const absl::CivilDay today(2026, 12, 1);
  ManualClock clock(absl::FromCivil(absl::CivilSecond(2026, 12, 1, 8, 0, 0), Berlin()));
  auto store = HamburgStore(url, today);
  auto engine = booking::BookingEngine::Open(*store, clock, {.zone = Berlin()});
  if (!engine) std::abort();
  std::vector<booking::SlotView> slots;
  booking::SearchRequest r{.service_ids = {"personalausweis"}, .limit = 200};
  while (static_cast<int>(slots.size()) < clients * per_client) {
    auto page = (*engine)->Search(r);
    if (!page || page->slots.empty()) std::abort();
    slots.insert(slots.end(), page->slots.begin(), page->slots.end());
    r.cursor = page->next_cursor;
  }
  std::atomic<int> booked = 0;
  const booking::Writer& writer = (*engine)->writer();
  const double commits_before = static_cast<double>(writer.commits());
  const double commands_before = static_cast<double>(writer.commands());
  const absl::Duration busy_before = writer.busy();
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = 0; i < per_client; ++i) {
        const booking::SlotView& s = slots[c * per_client + i];
        auto hold = (*engine)->Hold(
            {.service_ids = {"personalausweis"}, .location_id = s.location_id, .start = s.start});
        if (!hold) continue;
        auto ok = (*engine)->Confirm(
            {.code = hold->appointment.code,
             .token = hold->token,
             .contact = {.name = "Bench", .email = fmt::format("c{}-{}@bench.example", c, i)}});
        if (ok) ++booked;
      }
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  const double commits = static_cast<double>(writer.commits()) - commits_before;
  return {.bookings_per_second = booked / seconds,
          .commands_per_commit =
              (static_cast<double>(writer.commands()) - commands_before) / std::max(commits, 1.0),
          .writer_cpu_us_per_booking =
              absl::ToDoubleMicroseconds(writer.busy() - busy_before) / std::max(booked.load(), 1)};
}

}  // namespace
}  // namespace amtszeit::bench

int main() {  // NOLINT(bugprone-exception-escape)
  using namespace amtszeit;
  const char* server = std::getenv("AMTSZEIT_BENCH_PG_URL");
  const char* tps = std::getenv("AMTSZEIT_BENCH_PGBENCH_TPS");
  if (server == nullptr || tps == nullptr) {
    std::printf("pg_commit_bench: AMTSZEIT_BENCH_PG_URL / AMTSZEIT_BENCH_PGBENCH_TPS not set\n");
    return 0;
  }
  // A schema of its own, so earlier runs' rows do not count.
  const std::string schema = "bench_" + std::to_string(getpid());
  auto admin = store::PgDb::Connect(server);
  if (!admin || !(*admin)->Exec("CREATE SCHEMA " + schema)) std::abort();
  const std::string url = std::string(server) + "?options=-csearch_path%3D" + schema + "%2Cpublic";
  const bench::Outcome bookings = bench::BookingsPerSecond(url, 64, 12);
  (void)(*admin)->Exec("DROP SCHEMA " + schema + " CASCADE");
  const double reference = std::strtod(tps, nullptr);
  bench::Report("PostgreSQL: durable bookings/s (64 clients) vs pgbench simple-update tps",
                bookings.bookings_per_second, reference, bookings.bookings_per_second / reference);
  bench::Report("PostgreSQL: writer commands per commit (64 clients)", bookings.commands_per_commit,
                1.0, bookings.commands_per_commit);
  // Against the wall time per booking: the share of the time the writer thread computes rather
  // than waits for the database's answers.
  const double wall_us_per_booking = 1e6 / std::max(bookings.bookings_per_second, 1e-9);
  bench::Report("PostgreSQL: writer thread CPU us/booking vs wall us/booking",
                bookings.writer_cpu_us_per_booking, wall_us_per_booking,
                bookings.writer_cpu_us_per_booking / wall_us_per_booking);
  return 0;
}
