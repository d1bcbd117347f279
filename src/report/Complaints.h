// The complaint register as the report sees it: the record and calendar live in the complaint core (src/complaint).
#pragma once

#include "complaint/Complaint.h"

namespace lw::report {

using complaint::Complaint;
using complaint::Due;
using complaint::WorkCalendar;
using complaint::dueDayFor;
using complaint::dueState;
using complaint::kCauses;
using complaint::kChannels;
using complaint::kStates;
using complaint::validate;
using complaint::toString;

}  // namespace lw::report
