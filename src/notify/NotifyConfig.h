// The outgoing webhook's configuration ([notify] / [notify NAME]): each section one chat robot to tell (plain C++).
#pragma once

#include <set>
#include <string>
#include <vector>

namespace lw::config {
class IniSection;
}

namespace lw::notify {

// The robots' message formats: WeCom (企业微信), DingTalk (钉钉), Feishu (飞书), or a plain JSON object.
enum class RobotKind { WeCom, DingTalk, Feishu, Json };
const char* kindName(RobotKind kind);  // "wecom", "dingtalk", "feishu", "json"

// When a message that could not be delivered is tried again: firstS, then doubling up to maxS; given up after
// giveUpAttempts attempts or giveUpMin minutes after it was queued, whichever comes first.
struct RetryRules {
    int firstS = 10;
    int maxS = 600;
    int giveUpAttempts = 30;
    int giveUpMin = 240;
    int timeoutS = 10;  // one attempt's limit (connect, send, answer)
};

// What a robot is sent: "info", "warning", "alarm" (a situation raised or worsened to that severity),
// "escalation" (an alert nobody acknowledged in time, gone to the branch head; a complaint escalated) and
// "handover" (a complaint handed over to a new owner). Default: alarm, escalation.
extern const std::vector<std::string> kSendClasses;

struct Target {
    std::string name;  // the section's name: "[notify head]" -> "head", "[notify]" -> "default"
    RobotKind kind = RobotKind::WeCom;
    std::string url;
    std::string secret;  // DingTalk 加签 (SEC...) / Feishu 签名校验; empty: none
    // Where the secret and the URL (whose key= / access_token= is a secret too) are read from instead, when set:
    // a file only the kiosk's user may read, its first line (read with the config: see readSecretFiles).
    std::string secretFile, urlFile;
    bool allowPlaintext = false;
    std::set<std::string> send{"alarm", "escalation"};
    RetryRules retry;
    // A robot whose every attempt has failed for this long is an incident on the panel (notify_down, a warning),
    // cleared when a message gets through.
    int alarmAfterMin = 15;
    bool wants(const std::string& what) const { return send.count(what) > 0; }
};

struct NotifyConfig {
    std::vector<Target> targets;
    bool enabled() const { return !targets.empty(); }
    const Target* target(const std::string& name) const;
};

// One [notify] or [notify NAME] section: every key checked, a bad one named with file, line and what was expected
// (throws config::ConfigError). `name`: what follows "notify" in the section's header ("" for [notify]).
Target parseNotifySection(const config::IniSection& section, const std::string& name);

// The first lines of a robot's secret_file and url_file taken as its secret and URL, checked as the keys would be;
// a bad one throws config::ConfigError starting with `where` ("branch.ini: [notify head] url_file: ...") and
// never quoting the file's text. The caller reads the files (refusing one others may read).
void takeSecret(Target& target, const std::string& secret, const std::string& where);
void takeUrl(Target& target, const std::string& url, const std::string& where);

}  // namespace lw::notify
