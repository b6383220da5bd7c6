// Where staff requests act, for the scope check of their route's Access: a centre from the path,
// the query or the body, or the centre of a stored shift, absence, closure or staff member.
#pragma once

#include <string>

#include "amtszeit/server/access.h"
#include "amtszeit/server/app.h"

namespace amtszeit::server::targets {

// The path's {id} is a centre.
TargetFn PathLocation();
// ?location=ID, else the whole city.
TargetFn QueryLocationOrCity();
// ?<name>=DISTRICT, else the whole city.
TargetFn QueryDistrictOrCity(std::string name);
// The KPI query's scope=city|district:ID|location:ID (repeatable; none is the city).
TargetFn KpiScopes();
// A required string member of the JSON body naming a centre.
TargetFn BodyLocation(std::string member);
// A string member of the JSON body naming a district; empty or absent: the whole city.
TargetFn BodyDistrictOrCity(std::string member);
// The home centre of the body's staff_id (and, for moves, the centre moved to).
TargetFn StaffHome(App& app, std::string also_location_member = "");
// The centre of the shift, absence or closure with the path's {id}; 404 when there is none.
TargetFn StoredShift(App& app);
TargetFn StoredAbsence(App& app);
TargetFn StoredClosure(App& app);

}  // namespace amtszeit::server::targets
