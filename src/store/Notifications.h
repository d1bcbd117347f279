// The outbox of the outgoing webhook as the event log keeps it (schema 12): each message recorded before it is
// sent, each attempt's outcome, and whether it was delivered or given up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lw::store {

struct QueuedNotification {
    std::int64_t id = 0;
    std::string target;   // the [notify NAME] robot
    std::string what;     // alarm, escalation, handover ... (notify::kSendClasses)
    std::string subject;  // "waits|category:A", "complaint:12"
    std::string body;     // the message's text (the JSON and signature are made at each attempt)
    std::int64_t createdAt = 0;
    int attempts = 0;
    std::int64_t nextAt = 0;
    std::string lastError;
    std::int64_t lastAttemptAt = 0;
    std::optional<std::int64_t> sentAt, givenUpAt;
};

// One attempt: when, "delivered" / "failed" / "given_up", and why not.
struct NotificationAttempt {
    std::int64_t at = 0;
    std::string outcome, error;
};

// The device page's figures for the robots.
struct NotificationCounts {
    std::int64_t queued = 0;  // neither delivered nor given up
    std::int64_t sent = 0;
    std::int64_t givenUp = 0;
    std::int64_t lastSentAt = 0;
    std::int64_t lastFailureAt = 0;
    std::string lastFailure;  // "head: HTTP 500"
};

}  // namespace lw::store
