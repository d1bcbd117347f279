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

const char* const kUrlExpected =
    "the robot's webhook address, https://... (e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...)";
const char* const kPlainUrl = "an https:// address: the robot's key travels in it (allow_plaintext = yes only for a lab)";

// What is wrong with `url` as a robot's address (nullptr: nothing).
const char* urlProblem(const std::string& url, bool plaintext) {
    const bool https = url.rfind("https://", 0) == 0;
    const bool http = url.rfind("http://", 0) == 0;
    const std::string rest = https ? url.substr(8) : http ? url.substr(7) : std::string();
    const std::string host = rest.substr(0, rest.find_first_of("/:?"));
    if ((!https && !http) || host.empty() || url.find_first_of(" \t\"") != std::string::npos) return kUrlExpected;
    if (http && !plaintext && !isLoopbackHost(host)) return kPlainUrl;
    return nullptr;
}

std::string secretProblem(const Target& t, const std::string& secret) {
    if (!secret.empty() && (t.kind == RobotKind::WeCom || t.kind == RobotKind::Json))
        return std::string("no secret for kind ") + kindName(t.kind) +
               " (only dingtalk 加签 and feishu 签名校验 sign their messages)";
    if (t.kind == RobotKind::DingTalk && !secret.empty() && secret.rfind("SEC", 0) != 0)
        return "DingTalk's 加签 secret as the robot's page shows it, starting with SEC";
    return {};
}

}  // namespace

Target parseNotifySection(const config::IniSection& s, const std::string& name) {
    const std::vector<std::string> known{"kind", "url", "secret", "send", "allow_plaintext", "retry_first_s",
                                         "retry_max_s", "give_up_attempts", "give_up_min", "timeout_s",
                                         "alarm_after_min", "url_file", "secret_file"};
    for (const auto& key : s.keys())
        if (std::find(known.begin(), known.end(), key) == known.end())
            s.fail(key, "one of the keys kind, url, url_file, secret, secret_file, send, allow_plaintext, "
                        "retry_first_s, retry_max_s, give_up_attempts, give_up_min, timeout_s, alarm_after_min "
                        "(unknown key; a typo?)");
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

    t.allowPlaintext = s.boolean("allow_plaintext", false);
    if (s.has("url") && s.has("url_file"))
        s.fail("url_file", "either url or url_file (the file holding the address with its key), not both");
    if (s.has("url_file")) {
        t.urlFile = s.requiredText("url_file");
    } else {
        t.url = s.requiredText("url");
        if (const char* problem = urlProblem(t.url, t.allowPlaintext)) s.fail("url", problem);
    }

    if (s.has("secret") && s.has("secret_file"))
        s.fail("secret_file", "either secret or secret_file (the file holding it), not both");
    if (s.has("secret_file")) {
        t.secretFile = s.requiredText("secret_file");
        if (t.kind == RobotKind::WeCom || t.kind == RobotKind::Json)
            s.fail("secret_file", secretProblem(t, "x"));
    }
    t.secret = s.text("secret", "");
    if (const std::string problem = secretProblem(t, t.secret); !problem.empty()) s.fail("secret", problem);

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
    t.alarmAfterMin = s.integer("alarm_after_min", t.alarmAfterMin, 1, 24 * 60);
    return t;
}

void takeSecret(Target& t, const std::string& secret, const std::string& where) {
    if (const std::string problem = secretProblem(t, secret); !problem.empty())
        throw config::ConfigError(where + ": expected " + problem + " on its first line");
    t.secret = secret;
}

void takeUrl(Target& t, const std::string& url, const std::string& where) {
    if (const char* problem = urlProblem(url, t.allowPlaintext))
        throw config::ConfigError(where + ": expected " + problem + " on its first line");
    t.url = url;
}

}  // namespace lw::notify
