// The demand profile of a city's centres: how many visits of which kind and service, on which
// days and at which times of day. One place for these estimates, so that the demo history written
// into a fresh installation and the planning module's demand model tell the same story.
//
//   const double per_day = profile::kAppointmentsPerCounter * location.counters;
//   switch (profile::GroupOf(service)) { case profile::ServiceGroup::kDocument: ... }
//
// Every figure is an estimate for Hamburg, not a published number; [Sn] are the sources listed in
// research/hamburg.md (shared folder) that an estimate leans on.
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "amtszeit/domain/catalog.h"

namespace amtszeit::dataset::profile {

// --- Volumes, per open day and counter ----------------------------------------------------------
// Cross-check: 1.3 million services in 2022 at the residents' affairs sites [S41] are ~5,200 a
// working day; ~194 counters x (14 + 4 + 1.5) ≈ 3,800 visits a day, and many a visit has two
// services. Bergedorf took 550 ID/passport applications a week in Q1 2022 [S42]: 12 counters x 14
// x 5 days x 45 % ≈ 380 booked ones, plus walk-ins.
inline constexpr double kAppointmentsPerCounter = 14;
// About half came without an appointment in 2015 [S44]; since then the centres work appointment
// first, so walk-ins are estimated at a fifth of the visits.
inline constexpr double kWalkInsPerCounter = 4;
inline constexpr double kExpressPerCounter = 1.5;  // collecting documents, resetting a PIN
// A day shorter than this (Saturday 9-15) gets proportionally fewer visits; a longer one (7-19)
// no more: the staff are the same, only spread wider.
inline constexpr int kFullDayMinutes = 600;
// Walk-ins by weekday (Monday first): Mondays are the busiest, Fridays close early in practice.
inline constexpr std::array<double, 7> kWalkInsByWeekday = {1.25, 1.0, 0.95, 1.05, 0.85, 1.1, 1.0};
// When bookings are made (Monday first; mean 1): online every day, the phone on working days.
inline constexpr std::array<double, 7> kBookingsByWeekday = {1.15, 1.15, 1.15, 1.15,
                                                             1.15, 0.75, 0.5};

// --- Services -----------------------------------------------------------------------------------
// Of the services booked or drawn at the kiosk: IDs and passports ~45 % (the pre-summer passport
// peaks [S46][S17] and Bergedorf's 550 a week [S42] make them the daily bread), registrations
// ~30 % (~250,000 moves a year in Hamburg, 57 % of them within the city [S49]), the rest spread.
inline constexpr double kDocumentShare = 0.45;
inline constexpr double kRegistrationShare = 0.30;
inline constexpr double kOtherShare = 0.25;
inline constexpr double kSecondServiceShare = 0.08;  // "ID card and passport, please"

struct Weight {
  std::string_view id;
  double weight;
};
// Relative weights inside a group; services of the group not named here get the fallback.
inline constexpr std::array kDocumentWeights = {
    Weight{"personalausweis", 40},
    Weight{"reisepass", 30},
    Weight{"kinderreisepass", 12},
    Weight{"express-reisepass", 8},
    Weight{"vorlaeufiger-personalausweis", 5},
    Weight{"vorlaeufiger-reisepass", 5},
};
inline constexpr double kDocumentFallback = 5;
// 57 % of moves are within Hamburg [S49]: Ummeldung slightly ahead of Anmeldung.
inline constexpr std::array kRegistrationWeights = {
    Weight{"ummeldung", 50},
    Weight{"anmeldung", 40},
    Weight{"nebenwohnsitz", 10},
};
inline constexpr double kRegistrationFallback = 10;
inline constexpr std::array kExpressWeights = {
    Weight{"abholung-ausweis-pass", 70},
    Weight{"eid-pin-neu-setzen", 20},
    Weight{"wohnungsgeberbestaetigung", 10},
};
inline constexpr double kExpressFallback = 10;
inline constexpr double kOtherWeight = 1;  // every other service alike

// --- Seasons ------------------------------------------------------------------------------------
// Passports (the services with the pre-summer priority rule) by month, January first, mean 1: up
// in spring before Hamburg's summer holidays (July) [S46][S17], low in winter.
inline constexpr std::array<double, 12> kPassportByMonth = {0.85, 0.9, 1.0, 1.1,  1.25, 1.3,
                                                            1.1,  0.9, 0.9, 0.95, 0.85, 0.9};
// Registrations (services with a legal deadline) around the turn of a month, when most leases
// begin and end: the last kMonthEndDaysBefore days of a month and the first kMonthEndDaysAfter of
// the next see kMonthEnd times the demand, the other days kMonthMiddle (a month's mean stays ~1).
inline constexpr int kMonthEndDaysBefore = 2;
inline constexpr int kMonthEndDaysAfter = 5;
inline constexpr double kMonthEnd = 1.5;
inline constexpr double kMonthMiddle = 0.85;

// --- Channels and what becomes of a booking -----------------------------------------------------
// Online since 2014, phone through 115 / the Telefonischer HamburgService [S1][S44].
inline constexpr double kOnlineShare = 0.70;
inline constexpr double kPhoneShare = 0.25;   // the rest (5 %) is booked at a counter
inline constexpr double kCancelShare = 0.06;  // freed slots reappear in the portal [S46]
inline constexpr double kNoShowShare = 0.05;  // not published; no-shows are overbooked [S15]

// --- Walk-ins through the day -------------------------------------------------------------------
// A morning peak about an hour after opening over an even spread; the kiosk stops issuing 30
// minutes before closing.
inline constexpr double kMorningPeakShare = 0.55;
inline constexpr int kPeakCentreMinutes = 60;  // after opening
inline constexpr int kPeakSpreadMinutes = 60;  // standard deviation
inline constexpr int kKioskClosesBefore = 30;
// A walk-in's time at the counter, relative to the service's planned duration, uniform in
// [kWorkMin, kWorkMax], never below kWorkFloorMinutes.
inline constexpr double kWorkMin = 0.6;
inline constexpr double kWorkMax = 1.4;
inline constexpr double kWorkFloorMinutes = 3;

// How the profile groups the services of a catalogue.
enum class ServiceGroup {
  kOnline,        // needs no visit: no demand at the centres
  kExpress,       // express counters
  kDocument,      // ID cards and passports (category "ausweis")
  kRegistration,  // with a legal deadline (Anmeldung, Ummeldung)
  kOther,
};
ServiceGroup GroupOf(const Service& service);

// A service's weight inside its group (the tables above, else the group's fallback).
double WeightInGroup(const Service& service);

// What a visit (booked or walk-in, kVisit) or an express ticket (kExpressTicket) is for: each
// service's share, by catalogue index, summing to 1 (all zero when no service fits). An empty
// group's share goes to the others.
enum class Mix { kVisit, kExpressTicket };
std::vector<double> ServiceShares(const Catalog& catalog, Mix mix);

// The visit volume of a day at a centre, relative to a full day: min(1, open minutes / full day).
double DayScale(int open_minutes);

}  // namespace amtszeit::dataset::profile
