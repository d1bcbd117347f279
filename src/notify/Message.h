// What a robot is sent and how its answer is read (plain C++, no clock: times come in): the message's text, the
// JSON body per robot kind, the signed URL, the reply's verdict, and when to try again.
#pragma once

#include "config/Json.h"
#include "notify/NotifyConfig.h"

#include <cstdint>
#include <string>

namespace lw::notify {

using TimeMs = std::int64_t;

// One thing to tell: its class (see kSendClasses), what it is about ("waits|category:A", "complaint:12"), and
// its text: Chinese on the first line, English on the second.
struct Note {
    std::string what;
    std::string subject;
    std::string textZh, textEn;
    std::string text() const { return textZh + "\n" + textEn; }
};

// A string as a JSON string literal (quotes included; UTF-8 passed through, control characters escaped).
using config::jsonString;

// The request for one attempt at `now` (DingTalk's and Feishu's signatures carry the time, so each attempt is
// signed afresh): the URL to POST to and the JSON body.
//   wecom    {"msgtype":"text","text":{"content":TEXT}}
//   dingtalk {"msgtype":"text","text":{"content":TEXT}}                  (signed: URL + &timestamp=&sign=)
//   feishu   {"msg_type":"text","content":{"text":TEXT}}                 (signed: "timestamp","sign" in the body)
//   json     {"text":TEXT,"subject":SUBJECT,"class":WHAT}
struct Request {
    std::string url;
    std::string body;
};
Request requestFor(const Target& target, const std::string& text, const std::string& subject, const std::string& what,
                   TimeMs now);

// The robot's answer read: a 2xx is not always a success (WeCom and DingTalk say errcode != 0, Feishu code != 0,
// with HTTP 200). `transportError`: the network's failure (refused, timed out), empty when an answer came.
struct Verdict {
    bool delivered = false;
    std::string error;  // why not, for the record and the device page ("HTTP 500", "errcode 310000: sign not match")
};
Verdict readReply(RobotKind kind, int httpStatus, const std::string& body, const std::string& transportError);

// The wait before the next attempt after `failures` failed ones: firstS doubling, at most maxS.
TimeMs retryDelayMs(int failures, const RetryRules& rules);
// Given up: this many attempts made, or queued longer ago than giveUpMin.
bool givenUp(int attempts, TimeMs queuedAt, TimeMs now, const RetryRules& rules);

}  // namespace lw::notify
