// [notify NAME] parsed and checked: the robot's kind, its URL and secret, what it is sent, how often it is retried.
#include "notify/NotifyConfig.h"

#include "config/Ini.h"

#include <algorithm>
#include <cctype>

namespace lw::notify {

const std::vector<std::string> kSendClasses{"info", "warning", "alarm", "escalation", "handover"};

const char* kindName(RobotKind kind) {
    switch (kind) {
    case RobotKind::WeCom: return "wecom";
    case RobotKind::DingTalk: return "dingtalk";
    case RobotKind::Feishu: return "feishu";
    case RobotKind::Json: return "json";
    }
    return "?";
}

const Target* NotifyConfig::target(const std::string& name) const {
    for (const auto& t : targets)
        if (t.name == name) return &t;
    return nullptr;
}

namespace {

bool isLoopbackHost(const std::string& host) {
    return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

}  // namespace

Target parseNotifySection(const config::IniSection& s, const std::string& name) {
    const std::vector<std::string> known{"kind", "url", "secret", "send", "allow_plaintext", "retry_first_s",
                                         "retry_max_s", "give_up_attempts", "give_up_min", "timeout_s"};
    for (const auto& key : s.keys())
        if (std::find(known.begin(), known.end(), key) == known.end())
            s.fail(key, "one of the keys kind, url, secret, send, allow_plaintext, retry_first_s, retry_max_s, "
                        "give_up_attempts, give_up_min, timeout_s (unknown key; a typo?)");
    Target t;
    t.name = name.empty() ? std::string("default") : name;
    if (!std::all_of(t.name.begin(), t.name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }) ||
        t.name.size() > 40)
        throw config::ConfigError(s.file() + ":" + std::to_string(s.line()) + ": section [" + s.name() +
                                  "]: a robot's name is 1-40 letters, digits, '-' or '_'");
    const std::string kind = s.requiredText("kind");
    if (kind == "wecom") t.kind = RobotKind::WeCom;
    else if (kind == "dingtalk") t.kind = RobotKind::DingTalk;
    else if (kind == "feishu") t.kind = RobotKind::Feishu;
    else if (kind == "json") t.kind = RobotKind::Json;
    else s.fail("kind", "wecom (企业微信), dingtalk (钉钉), feishu (飞书) or json");

    t.url = s.requiredText("url");
    const bool plaintext = s.boolean("allow_plaintext", false);
    const bool https = t.url.rfind("https://", 0) == 0;
    const bool http = t.url.rfind("http://", 0) == 0;
    const std::string rest = https ? t.url.substr(8) : http ? t.url.substr(7) : std::string();
    const std::string host = rest.substr(0, rest.find_first_of("/:?"));
    if ((!https && !http) || host.empty() || t.url.find_first_of(" \t\"") != std::string::npos)
        s.fail("url", "the robot's webhook address, https://... (e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...)");
    if (http && !plaintext && !isLoopbackHost(host))
        s.fail("url", "an https:// address: the robot's key travels in it (allow_plaintext = yes only for a lab)");

    t.secret = s.text("secret", "");
    if (!t.secret.empty() && (t.kind == RobotKind::WeCom || t.kind == RobotKind::Json))
        s.fail("secret", std::string("no secret for kind ") + kindName(t.kind) +
                             " (only dingtalk 加签 and feishu 签名校验 sign their messages)");
    if (t.kind == RobotKind::DingTalk && !t.secret.empty() && t.secret.rfind("SEC", 0) != 0)
        s.fail("secret", "DingTalk's 加签 secret as the robot's page shows it, starting with SEC");

    if (s.has("send")) {
        t.send.clear();
        for (const auto& what : config::split(s.text("send", ""), ',')) {
            if (std::find(kSendClasses.begin(), kSendClasses.end(), what) == kSendClasses.end())
                s.fail("send", "a list of info, warning, alarm, escalation, handover separated by commas "
                               "(e.g. alarm, escalation)");
            t.send.insert(what);
        }
        if (t.send.empty()) s.fail("send", "at least one of info, warning, alarm, escalation, handover");
    }
    auto& r = t.retry;
    r.firstS = s.integer("retry_first_s", r.firstS, 1, 3600);
    r.maxS = s.integer("retry_max_s", std::max(r.maxS, r.firstS), r.firstS, 24 * 3600);
    r.giveUpAttempts = s.integer("give_up_attempts", r.giveUpAttempts, 1, 1000);
    r.giveUpMin = s.integer("give_up_min", r.giveUpMin, 1, 7 * 24 * 60);
    r.timeoutS = s.integer("timeout_s", r.timeoutS, 1, 120);
    return t;
}

}  // namespace lw::notify
