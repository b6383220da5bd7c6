#include "amtszeit/store/migrations.h"

#include <array>

namespace amtszeit::store {

namespace {

// Days are 'YYYY-MM-DD' text, times of day minutes since local midnight, instants unix
// microseconds (UTC).
constexpr std::string_view kCatalogueAndRoster = R"sql(
CREATE TABLE districts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE locations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  district_id TEXT NOT NULL REFERENCES districts(id),
  street TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  status TEXT NOT NULL,
  valid_from TEXT,
  valid_to TEXT,
  counters INTEGER NOT NULL DEFAULT 0,
  closed_on_public_holidays INTEGER NOT NULL DEFAULT 1,
  note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE location_weekly_hours (
  location_id TEXT NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  begin_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL
);
CREATE INDEX location_weekly_hours_location ON location_weekly_hours(location_id);
CREATE TABLE location_exceptions (
  location_id TEXT NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (location_id, day)
);
CREATE TABLE location_exception_ranges (
  location_id TEXT NOT NULL,
  day TEXT NOT NULL,
  begin_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  FOREIGN KEY (location_id, day) REFERENCES location_exceptions(location_id, day)
    ON DELETE CASCADE
);
CREATE TABLE location_closures (
  location_id TEXT NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE TABLE services (
  id TEXT PRIMARY KEY,
  name_de TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  duration_minutes INTEGER NOT NULL,
  needs_presence INTEGER NOT NULL,
  online_url TEXT NOT NULL DEFAULT '',
  express INTEGER NOT NULL DEFAULT 0,
  legal_deadline_days INTEGER,
  priority TEXT NOT NULL DEFAULT 'none',
  skill TEXT NOT NULL DEFAULT '',
  leika TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT ''
);
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  home_district_id TEXT NOT NULL DEFAULT '',
  home_location_id TEXT NOT NULL DEFAULT '',
  fte REAL NOT NULL DEFAULT 1.0
);
CREATE TABLE staff_skills (
  staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  skill TEXT NOT NULL,
  PRIMARY KEY (staff_id, skill)
);
CREATE TABLE shifts (
  id INTEGER PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  location_id TEXT NOT NULL REFERENCES locations(id),
  day TEXT NOT NULL,
  begin_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  mode TEXT NOT NULL,
  break_begin INTEGER,
  break_end INTEGER
);
CREATE INDEX shifts_day_location ON shifts(day, location_id);
CREATE INDEX shifts_staff_day ON shifts(staff_id, day);
CREATE TABLE absences (
  id INTEGER PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  kind TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX absences_staff ON absences(staff_id, first_day);
CREATE TABLE school_holidays (
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

constexpr std::string_view kAppointments = R"sql(
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL,
  location_id TEXT NOT NULL REFERENCES locations(id),
  staff_id TEXT NOT NULL,
  day TEXT NOT NULL,
  begin_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  start_us INTEGER NOT NULL,
  end_us INTEGER NOT NULL,
  services TEXT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  contact_name TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_key TEXT NOT NULL DEFAULT '',
  move_in_date TEXT,
  travel_date TEXT,
  created_us INTEGER NOT NULL,
  updated_us INTEGER NOT NULL,
  hold_expires_us INTEGER NOT NULL DEFAULT 0,
  rescheduled_from INTEGER
);
CREATE INDEX appointments_day ON appointments(day);
CREATE INDEX appointments_staff_day ON appointments(staff_id, day);
CREATE INDEX appointments_contact ON appointments(contact_key) WHERE contact_key <> '';

-- The database's own guard against double booking (PostgreSQL uses an exclusion constraint).
CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.status IN ('held', 'confirmed', 'checked_in', 'called')
BEGIN
  SELECT RAISE(ABORT, 'overlapping appointment for this staff member')
  WHERE EXISTS (SELECT 1 FROM appointments a
                WHERE a.staff_id = NEW.staff_id AND a.day = NEW.day
                  AND a.status IN ('held', 'confirmed', 'checked_in', 'called')
                  AND a.begin_min < NEW.end_min AND NEW.begin_min < a.end_min);
END;
CREATE TRIGGER appointments_no_overlap_update BEFORE UPDATE ON appointments
WHEN NEW.status IN ('held', 'confirmed', 'checked_in', 'called')
BEGIN
  SELECT RAISE(ABORT, 'overlapping appointment for this staff member')
  WHERE EXISTS (SELECT 1 FROM appointments a
                WHERE a.id <> NEW.id AND a.staff_id = NEW.staff_id AND a.day = NEW.day
                  AND a.status IN ('held', 'confirmed', 'checked_in', 'called')
                  AND a.begin_min < NEW.end_min AND NEW.begin_min < a.end_min);
END;

-- No personal data: statistics keep these after contact details are deleted.
CREATE TABLE appointment_events (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at_us INTEGER NOT NULL,
  location_id TEXT NOT NULL,
  day TEXT NOT NULL,
  start_min INTEGER NOT NULL,
  services TEXT NOT NULL,
  channel TEXT NOT NULL,
  booked_us INTEGER NOT NULL
);
CREATE INDEX appointment_events_at ON appointment_events(at_us);

CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  appointment_code TEXT NOT NULL,
  token TEXT NOT NULL,
  created_us INTEGER NOT NULL
);
)sql";

// Tickets keep no personal data beyond the hash of their follow link's secret.
constexpr std::string_view kQueue = R"sql(
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  location_id TEXT NOT NULL REFERENCES locations(id),
  day TEXT NOT NULL,
  queue TEXT NOT NULL,
  number INTEGER NOT NULL,
  services TEXT NOT NULL,
  priority TEXT NOT NULL,
  source TEXT NOT NULL,
  status TEXT NOT NULL,
  issued_us INTEGER NOT NULL,
  queued_us INTEGER NOT NULL,
  due_us INTEGER,
  called_us INTEGER,
  started_us INTEGER,
  finished_us INTEGER,
  counter TEXT NOT NULL DEFAULT '',
  appointment_code TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL DEFAULT '',
  recalls INTEGER NOT NULL DEFAULT 0,
  transferred_from INTEGER,
  UNIQUE (location_id, day, queue, number)
);
CREATE INDEX tickets_day ON tickets(day);
-- One ticket per checked-in appointment, whatever races.
CREATE UNIQUE INDEX tickets_appointment ON tickets(appointment_code)
  WHERE appointment_code <> '' AND transferred_from IS NULL;

CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL,
  location_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  at_us INTEGER NOT NULL,
  queue TEXT NOT NULL,
  counter TEXT NOT NULL DEFAULT '',
  services TEXT NOT NULL
);
CREATE INDEX ticket_events_at ON ticket_events(at_us);

CREATE TABLE counters (
  location_id TEXT NOT NULL REFERENCES locations(id),
  name TEXT NOT NULL,
  mode TEXT NOT NULL,
  state TEXT NOT NULL,
  staff TEXT NOT NULL DEFAULT '',
  services TEXT NOT NULL DEFAULT '',
  ticket_id INTEGER,
  updated_us INTEGER NOT NULL,
  PRIMARY KEY (location_id, name)
);
)sql";

// The call centre finds a caller by phone even when the booking's key is the e-mail.
constexpr std::string_view kPhoneKey = R"sql(
ALTER TABLE appointments ADD COLUMN phone_key TEXT NOT NULL DEFAULT '';
CREATE INDEX appointments_phone ON appointments(phone_key) WHERE phone_key <> '';
)sql";

// Central steering: extra openings, the audit of every steering change, the implementation plan,
// and the morning snapshots the promises are measured against (history, not recomputed).
constexpr std::string_view kSteering = R"sql(
ALTER TABLE shifts ADD COLUMN extra_opening INTEGER NOT NULL DEFAULT 0;
CREATE TABLE steering_actions (
  id INTEGER PRIMARY KEY,
  at_us INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  location_id TEXT NOT NULL DEFAULT '',
  staff_id TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  before TEXT NOT NULL DEFAULT '',
  after TEXT NOT NULL DEFAULT ''
);
CREATE INDEX steering_actions_at ON steering_actions(at_us);
-- Append-only: the audit cannot be rewritten through the application's connection.
CREATE TRIGGER steering_actions_no_update BEFORE UPDATE ON steering_actions
BEGIN SELECT RAISE(ABORT, 'steering actions are append-only'); END;
CREATE TRIGGER steering_actions_no_delete BEFORE DELETE ON steering_actions
BEGIN SELECT RAISE(ABORT, 'steering actions are append-only'); END;
CREATE TABLE measures (
  id INTEGER PRIMARY KEY,
  district_id TEXT NOT NULL DEFAULT '',
  day TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  updated_us INTEGER NOT NULL
);
CREATE TABLE slot_snapshots (
  taken_on TEXT NOT NULL,
  location_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  days_ahead INTEGER,
  PRIMARY KEY (taken_on, location_id, service_id)
);
CREATE TABLE window_snapshots (
  taken_on TEXT NOT NULL,
  location_id TEXT NOT NULL,
  weekdays INTEGER NOT NULL,
  early INTEGER NOT NULL,
  late INTEGER NOT NULL,
  lunch INTEGER NOT NULL,
  PRIMARY KEY (taken_on, location_id)
);
)sql";

// The notification outbox (notify/): messages are written with the booking change they tell
// about and sent by a worker. A sent or abandoned message loses its recipient. The link token a
// pending message needs is kept sealed under a key outside the database, and only while such a
// message waits. The contact's language chooses the messages' templates.
constexpr std::string_view kOutbox = R"sql(
ALTER TABLE appointments ADD COLUMN contact_language TEXT NOT NULL DEFAULT '';
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'cancellation', 'rescheduled')),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT 'de',
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
  due_us INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_us INTEGER NOT NULL,
  sent_us INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_us INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox(channel, next_attempt_us) WHERE status = 'pending';
CREATE INDEX outbox_appointment ON outbox(appointment_id);
CREATE TABLE outbox_secrets (
  appointment_id INTEGER PRIMARY KEY,
  sealed TEXT NOT NULL
);
)sql";

// Centres the control room closes for a period (a move, damage, no staff): no appointments on
// those days. The catalogue's own planned closures stay in location_closures.
constexpr std::string_view kClosures = R"sql(
CREATE TABLE centre_closures (
  id INTEGER PRIMARY KEY,
  location_id TEXT NOT NULL REFERENCES locations(id),
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  CHECK (first_day <= last_day)
);
CREATE INDEX centre_closures_days ON centre_closures(last_day, first_day);
)sql";

// Online cases (cases/): requests for services without a visit, their status history and the
// uploaded documents (in the database, so a backup holds everything). Answers, notes and
// documents are personal data and are cleared by retention after the case is closed.
constexpr std::string_view kOnlineCases = R"sql(
CREATE TABLE online_cases (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL,
  service_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'waiting_for_citizen',
                                         'done', 'rejected')),
  language TEXT NOT NULL DEFAULT 'de',
  answers TEXT NOT NULL DEFAULT '{}',
  assignee TEXT NOT NULL DEFAULT '',
  location_id TEXT NOT NULL DEFAULT '',
  created_us INTEGER NOT NULL,
  updated_us INTEGER NOT NULL,
  closed_us INTEGER,
  forgotten INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX online_cases_queue ON online_cases(status, created_us);
CREATE INDEX online_cases_closed ON online_cases(closed_us) WHERE forgotten = 0;
CREATE TABLE online_case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES online_cases(id),
  at_us INTEGER NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX online_case_events_case ON online_case_events(case_id, id);
CREATE TABLE online_case_documents (
  case_id INTEGER NOT NULL REFERENCES online_cases(id),
  number INTEGER NOT NULL,
  requirement_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (case_id, number)
);
)sql";

// The waitlist (waitlist/): citizens waiting for an earlier slot, served first come, first served;
// a freed slot is held for the first matching entry and offered by message. The outbox learns the
// offer and the notice that a closed centre's appointment cannot take place (SQLite cannot widen a
// CHECK in place, so the table is copied).
constexpr std::string_view kWaitlist = R"sql(
CREATE TABLE waitlist (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL,
  sealed_token TEXT NOT NULL DEFAULT '',
  service_ids TEXT NOT NULL,
  location_ids TEXT NOT NULL DEFAULT '',
  district_ids TEXT NOT NULL DEFAULT '',
  windows INTEGER NOT NULL DEFAULT 0,
  latest_day TEXT NOT NULL,
  move_in_date TEXT,
  contact_name TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_language TEXT NOT NULL DEFAULT '',
  contact_key TEXT NOT NULL DEFAULT '',
  phone_key TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL
    CHECK (status IN ('waiting', 'offered', 'booked', 'cancelled', 'lapsed', 'expired')),
  offer_appointment_id INTEGER NOT NULL DEFAULT 0,
  declined TEXT NOT NULL DEFAULT '',
  created_us INTEGER NOT NULL,
  updated_us INTEGER NOT NULL
);
CREATE INDEX waitlist_open ON waitlist(id) WHERE status IN ('waiting', 'offered');
CREATE INDEX waitlist_offer ON waitlist(offer_appointment_id) WHERE offer_appointment_id <> 0;
CREATE TABLE outbox_with_offers (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'cancellation', 'rescheduled',
                                     'offer', 'closure_listed')),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT 'de',
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
  due_us INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_us INTEGER NOT NULL,
  sent_us INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_us INTEGER NOT NULL
);
INSERT INTO outbox_with_offers SELECT id, appointment_id, kind, channel, recipient, language,
  status, due_us, attempts, next_attempt_us, sent_us, last_error, created_us FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_with_offers RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(channel, next_attempt_us) WHERE status = 'pending';
CREATE INDEX outbox_appointment ON outbox(appointment_id);
)sql";

// Staff accounts with a role and a scope, their sessions (only a digest of the token), and the
// audit log of staff actions, append-only like the steering audit it sits beside.
constexpr std::string_view kStaffAccounts = R"sql(
CREATE TABLE staff_users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  location_id TEXT NOT NULL DEFAULT '',
  district_id TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_us INTEGER NOT NULL
);
CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES staff_users(id),
  csrf_token TEXT NOT NULL,
  created_us INTEGER NOT NULL,
  last_seen_us INTEGER NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions(user_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at_us INTEGER NOT NULL,
  user_name TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  status INTEGER NOT NULL,
  before TEXT NOT NULL DEFAULT '',
  after TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at_us);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// A confirmation (held -> confirmed) keeps the row's staff member and time, which were checked
// against every other occupying row when the hold was written; so were a check-in and a call.
// Checking them again cost a range scan of the staff member's day on every booking, in the one
// writer thread. The trigger now fires only for statements that set a column occupancy depends
// on, and skips rows that occupied the same staff time before and after: the table already holds
// no overlap, so such a row cannot create one.
constexpr std::string_view kNarrowOverlapTrigger = R"sql(
DROP TRIGGER appointments_no_overlap_update;
CREATE TRIGGER appointments_no_overlap_update
BEFORE UPDATE OF staff_id, day, begin_min, end_min, status ON appointments
WHEN NEW.status IN ('held', 'confirmed', 'checked_in', 'called')
  AND NOT (OLD.status IN ('held', 'confirmed', 'checked_in', 'called')
           AND NEW.staff_id = OLD.staff_id AND NEW.day = OLD.day
           AND NEW.begin_min = OLD.begin_min AND NEW.end_min = OLD.end_min)
BEGIN
  SELECT RAISE(ABORT, 'overlapping appointment for this staff member')
  WHERE EXISTS (SELECT 1 FROM appointments a
                WHERE a.id <> NEW.id AND a.staff_id = NEW.staff_id AND a.day = NEW.day
                  AND a.status IN ('held', 'confirmed', 'checked_in', 'called')
                  AND a.begin_min < NEW.end_min AND NEW.begin_min < a.end_min);
END;
)sql";

// Version 12 is PostgreSQL's change feed version (pg_migrations.cpp): only one process writes
// SQLite, so there is no feed to version; the number is taken so both schemas count alike.
constexpr std::string_view kChangeFeed = "-- nothing to change in SQLite";

// An interim location names the centre it stands in for, so a closure of that centre rebooks
// into it first.
constexpr std::string_view kInterimLocations = R"sql(
ALTER TABLE locations ADD COLUMN interim_for TEXT NOT NULL DEFAULT '';
)sql";

// Login failures per throttle key, so every node and a restarted one back off alike; and the
// secrets nodes share (the proof-of-work key), generated by whichever node starts first.
constexpr std::string_view kLoginFailuresAndSecrets = R"sql(
CREATE TABLE login_failures (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_us INTEGER NOT NULL,
  blocked_until_us INTEGER NOT NULL
);
CREATE INDEX login_failures_last ON login_failures(last_failure_us);
CREATE TABLE shared_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

// Messages about online cases as well as appointments: a message and a sealed link token belong
// to a subject (kind and id) instead of an appointment. Existing rows are about appointments.
constexpr std::string_view kMessageSubjects = R"sql(
CREATE TABLE outbox_by_subject (
  id INTEGER PRIMARY KEY,
  subject_kind TEXT NOT NULL DEFAULT 'appointment' CHECK (subject_kind IN ('appointment', 'case')),
  subject_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'cancellation', 'rescheduled',
                                     'offer', 'closure_listed', 'case_received', 'case_question',
                                     'case_done', 'case_rejected')),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT 'de',
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
  due_us INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_us INTEGER NOT NULL,
  sent_us INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_us INTEGER NOT NULL
);
INSERT INTO outbox_by_subject SELECT id, 'appointment', appointment_id, kind, channel, recipient,
  language, status, due_us, attempts, next_attempt_us, sent_us, last_error, created_us FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_by_subject RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(channel, next_attempt_us) WHERE status = 'pending';
CREATE INDEX outbox_subject ON outbox(subject_kind, subject_id);
CREATE TABLE outbox_secrets_by_subject (
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('appointment', 'case')),
  subject_id INTEGER NOT NULL,
  sealed TEXT NOT NULL,
  PRIMARY KEY (subject_kind, subject_id)
);
INSERT INTO outbox_secrets_by_subject SELECT 'appointment', appointment_id, sealed
  FROM outbox_secrets;
DROP TABLE outbox_secrets;
ALTER TABLE outbox_secrets_by_subject RENAME TO outbox_secrets;
)sql";

// Proof-of-work challenges already spent, so a solution buys one hold on any node and after a
// restart. A row is useless once its challenge expired; the server prunes those.
constexpr std::string_view kSpentChallenges = R"sql(
CREATE TABLE spent_challenges (
  nonce TEXT PRIMARY KEY,
  expires_us INTEGER NOT NULL
);
CREATE INDEX spent_challenges_expiry ON spent_challenges(expires_us);
)sql";

// SQLite evaluates an IN list of more than two constants through a temporary b-tree, built anew
// each time a statement runs, and a trigger's program runs anew for every row it fires on: on
// every hold and every confirmation that build was most of the writer thread's work (a table
// created and its page zeroed per firing). Equalities joined by OR test the same in a few
// comparisons; the subquery still finds the staff member's day through an index (migration 18).
constexpr std::string_view kOverlapChecksWithoutInLists = R"sql(
DROP TRIGGER appointments_no_overlap_insert;
CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.status = 'held' OR NEW.status = 'confirmed' OR NEW.status = 'checked_in'
  OR NEW.status = 'called'
BEGIN
  SELECT RAISE(ABORT, 'overlapping appointment for this staff member')
  WHERE EXISTS (SELECT 1 FROM appointments a
                WHERE a.staff_id = NEW.staff_id AND a.day = NEW.day
                  AND (a.status = 'held' OR a.status = 'confirmed' OR a.status = 'checked_in'
                       OR a.status = 'called')
                  AND a.begin_min < NEW.end_min AND NEW.begin_min < a.end_min);
END;
DROP TRIGGER appointments_no_overlap_update;
CREATE TRIGGER appointments_no_overlap_update
BEFORE UPDATE OF staff_id, day, begin_min, end_min, status ON appointments
WHEN (NEW.status = 'held' OR NEW.status = 'confirmed' OR NEW.status = 'checked_in'
      OR NEW.status = 'called')
  AND NOT ((OLD.status = 'held' OR OLD.status = 'confirmed' OR OLD.status = 'checked_in'
            OR OLD.status = 'called')
           AND NEW.staff_id = OLD.staff_id AND NEW.day = OLD.day
           AND NEW.begin_min = OLD.begin_min AND NEW.end_min = OLD.end_min)
BEGIN
  SELECT RAISE(ABORT, 'overlapping appointment for this staff member')
  WHERE EXISTS (SELECT 1 FROM appointments a
                WHERE a.id <> NEW.id AND a.staff_id = NEW.staff_id AND a.day = NEW.day
                  AND (a.status = 'held' OR a.status = 'confirmed' OR a.status = 'checked_in'
                       OR a.status = 'called')
                  AND a.begin_min < NEW.end_min AND NEW.begin_min < a.end_min);
END;
)sql";

// Every query of appointments by time names the day (one day, or from a day on) and the overlap
// trigger a staff member's day; one index ordered by day and then staff member serves them all.
// Two indexes cost every hold two more index entries, and the WAL a page each per commit.
constexpr std::string_view kOneIndexForDayAndStaff = R"sql(
DROP INDEX appointments_day;
DROP INDEX appointments_staff_day;
CREATE INDEX appointments_day_staff ON appointments(day, staff_id);
)sql";

// The overlap triggers' subquery reads a staff member's day: with the times in the index entry,
// SQLite compares them there and fetches the table row (for its status) only of an appointment
// that overlaps in time, instead of every appointment of that day. On a full day that is a
// score of row lookups saved on every hold.
constexpr std::string_view kTimesInTheDayStaffIndex = R"sql(
DROP INDEX appointments_day_staff;
CREATE INDEX appointments_day_staff ON appointments(day, staff_id, begin_min, end_min);
)sql";

constexpr std::array kMigrations = {
    Migration{1, "catalogue and roster", kCatalogueAndRoster},
    Migration{2, "appointments, events and idempotency keys", kAppointments},
    Migration{3, "tickets, ticket events and counters", kQueue},
    Migration{4, "phone key of appointments", kPhoneKey},
    Migration{5, "steering: extra openings, audit, measures, snapshots", kSteering},
    Migration{6, "notification outbox", kOutbox},
    Migration{7, "closures of centres for a period", kClosures},
    Migration{8, "staff accounts, sessions and the audit log", kStaffAccounts},
    Migration{9, "waitlist and offer messages", kWaitlist},
    Migration{10, "online cases, their history and documents", kOnlineCases},
    Migration{11, "overlap check only when an update changes occupied time", kNarrowOverlapTrigger},
    Migration{12, "change feed version (PostgreSQL only)", kChangeFeed},
    Migration{13, "interim locations and the centre they stand in for", kInterimLocations},
    Migration{14, "login failures and shared secrets", kLoginFailuresAndSecrets},
    Migration{15, "messages about online cases: outbox rows by subject", kMessageSubjects},
    Migration{16, "spent proof-of-work challenges", kSpentChallenges},
    Migration{17, "overlap checks without IN lists", kOverlapChecksWithoutInLists},
    Migration{18, "one index for a day's appointments and a staff member's day",
              kOneIndexForDayAndStaff},
    Migration{19, "begin and end in the index of a staff member's day", kTimesInTheDayStaffIndex},
};

}  // namespace

std::span<const Migration> SqliteMigrations() { return kMigrations; }

}  // namespace amtszeit::store
