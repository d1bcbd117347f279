// The robots' formats: the JSON bodies, the signed requests, the replies read, the retry schedule.
#include "notify/Message.h"

#include "notify/Signing.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>

namespace lw::notify {

Request requestFor(const Target& t, const std::string& text, const std::string& subject, const std::string& what,
                   TimeMs now) {
    Request r;
    r.url = t.url;
    switch (t.kind) {
    case RobotKind::WeCom:
        r.body = "{\"msgtype\":\"text\",\"text\":{\"content\":" + jsonString(text) + "}}";
        break;
    case RobotKind::DingTalk:
        r.url = dingTalkUrl(t.url, now, t.secret);
        r.body = "{\"msgtype\":\"text\",\"text\":{\"content\":" + jsonString(text) + "}}";
        break;
    case RobotKind::Feishu: {
        std::string signature;
        if (!t.secret.empty()) {
            const long long seconds = now / 1000;
            signature = "\"timestamp\":" + jsonString(std::to_string(seconds)) + ",\"sign\":" +
                        jsonString(feishuSign(seconds, t.secret)) + ",";
        }
        r.body = "{" + signature + "\"msg_type\":\"text\",\"content\":{\"text\":" + jsonString(text) + "}}";
        break;
    }
    case RobotKind::Json:
        r.body = "{\"text\":" + jsonString(text) + ",\"subject\":" + jsonString(subject) + ",\"class\":" + jsonString(what) + "}";
        break;
    }
    return r;
}

namespace {

// The value after "key": in a flat reply (the robots' replies are small objects): a number, or a string's text.
std::optional<std::string> field(const std::string& body, const std::string& key) {
    const std::string quoted = "\"" + key + "\"";
    std::size_t at = body.find(quoted);
    if (at == std::string::npos) return std::nullopt;
    at = body.find_first_not_of(" \t\r\n", at + quoted.size());
    if (at == std::string::npos || body[at] != ':') return std::nullopt;
    at = body.find_first_not_of(" \t\r\n", at + 1);
    if (at == std::string::npos) return std::nullopt;
    if (body[at] == '"') {
        std::string out;
        for (std::size_t i = at + 1; i < body.size() && body[i] != '"'; ++i) {
            if (body[i] == '\\' && i + 1 < body.size()) ++i;
            out += body[i];
        }
        return out;
    }
    std::size_t end = at;
    while (end < body.size() && (body[end] == '-' || std::isdigit(static_cast<unsigned char>(body[end])))) ++end;
    if (end == at) return std::nullopt;
    return body.substr(at, end - at);
}

}  // namespace

Verdict readReply(RobotKind kind, int httpStatus, const std::string& body, const std::string& transportError) {
    if (!transportError.empty()) return {false, transportError};
    if (httpStatus < 200 || httpStatus > 299) {
        std::string e = "HTTP " + std::to_string(httpStatus);
        if (!body.empty()) e += ": " + body.substr(0, 120);
        return {false, e};
    }
    if (kind == RobotKind::Json) return {true, {}};
    // WeCom, DingTalk: {"errcode":0,"errmsg":"ok"}. Feishu: {"code":0,"msg":"success"} (older: "StatusCode":0).
    const char* codeKey = kind == RobotKind::Feishu ? "code" : "errcode";
    const char* messageKey = kind == RobotKind::Feishu ? "msg" : "errmsg";
    auto code = field(body, codeKey);
    if (!code && kind == RobotKind::Feishu) code = field(body, "StatusCode");
    if (!code) return {false, std::string("no ") + codeKey + " in the answer: " + body.substr(0, 120)};
    if (*code == "0") return {true, {}};
    std::string e = std::string(codeKey) + " " + *code;
    if (auto m = field(body, messageKey)) e += ": " + m->substr(0, 120);
    return {false, e};
}

TimeMs retryDelayMs(int failures, const RetryRules& rules) {
    TimeMs delay = rules.firstS * 1000LL;
    for (int i = 1; i < failures && delay < rules.maxS * 1000LL; ++i) delay *= 2;
    return std::min<TimeMs>(delay, rules.maxS * 1000LL);
}

bool givenUp(int attempts, TimeMs queuedAt, TimeMs now, const RetryRules& rules) {
    return attempts >= rules.giveUpAttempts || now - queuedAt >= rules.giveUpMin * 60'000LL;
}

}  // namespace lw::notify
