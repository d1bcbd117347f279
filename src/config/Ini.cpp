// A small INI reader for config and profile files.
#include "Ini.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace lw::config {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) parts.push_back(trim(part));
    if (!text.empty() && text.back() == separator) parts.emplace_back();
    return parts;
}

std::optional<int> parseTimeOfDay(const std::string& text) {
    const auto t = trim(text);
    if (t.size() != 5 || t[2] != ':') return std::nullopt;
    for (int i : {0, 1, 3, 4})
        if (t[static_cast<std::size_t>(i)] < '0' || t[static_cast<std::size_t>(i)] > '9') return std::nullopt;
    const int h = (t[0] - '0') * 10 + (t[1] - '0');
    const int m = (t[3] - '0') * 10 + (t[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
}

std::vector<std::string> IniSection::keys() const { return order_; }

void IniSection::set(const std::string& key, std::string value, int line) {
    if (!entries_.count(key)) order_.push_back(key);
    entries_[key] = IniEntry{std::move(value), line};
}

const IniEntry* IniSection::find(const std::string& key) const {
    const auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
}

void IniSection::fail(const std::string& key, const std::string& expected) const {
    std::ostringstream msg;
    msg << file_;
    const IniEntry* e = find(key);
    if (e) msg << ":" << e->line;
    msg << ": [" << name_ << "] " << key;
    if (e) msg << " = '" << e->value << "'";
    else msg << " is missing";
    msg << ": expected " << expected;
    throw ConfigError(msg.str());
}

std::string IniSection::text(const std::string& key, const std::string& fallback) const {
    const IniEntry* e = find(key);
    return e ? e->value : fallback;
}

std::string IniSection::requiredText(const std::string& key) const {
    const IniEntry* e = find(key);
    if (!e || e->value.empty()) fail(key, "a value");
    return e->value;
}

double IniSection::number(const std::string& key, double fallback, double min, double max) const {
    const IniEntry* e = find(key);
    if (!e) return fallback;
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(e->value.c_str(), &end);
    std::ostringstream expected;
    expected << "a number from " << min << " to " << max;
    if (e->value.empty() || *end != '\0' || errno != 0 || !std::isfinite(v) || v < min || v > max)
        fail(key, expected.str());
    return v;
}

int IniSection::integer(const std::string& key, int fallback, int min, int max) const {
    const IniEntry* e = find(key);
    if (!e) return fallback;
    errno = 0;
    char* end = nullptr;
    const long v = std::strtol(e->value.c_str(), &end, 10);
    if (e->value.empty() || *end != '\0' || errno != 0 || v < min || v > max)
        fail(key, "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return static_cast<int>(v);
}

bool IniSection::boolean(const std::string& key, bool fallback) const {
    const IniEntry* e = find(key);
    if (!e) return fallback;
    if (e->value == "true" || e->value == "yes" || e->value == "on" || e->value == "1") return true;
    if (e->value == "false" || e->value == "no" || e->value == "off" || e->value == "0") return false;
    fail(key, "true or false");
}

int IniSection::timeOfDay(const std::string& key, int fallbackMinutes) const {
    const IniEntry* e = find(key);
    if (!e) return fallbackMinutes;
    const auto t = parseTimeOfDay(e->value);
    if (!t) fail(key, "a time of day as HH:MM");
    return *t;
}

IniFile IniFile::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path + ": cannot be opened (does it exist, and may this user read it?)");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

IniFile IniFile::parse(const std::string& text, const std::string& fileName) {
    IniFile ini;
    ini.file_ = fileName;
    ini.empty_ = IniSection(fileName, "");
    std::istringstream in(text);
    std::string raw;
    int lineNo = 0;
    IniSection* current = nullptr;
    while (std::getline(in, raw)) {
        ++lineNo;
        const std::string line = trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line.front() == '[') {
            if (line.back() != ']' || line.size() < 3)
                throw ConfigError(fileName + ":" + std::to_string(lineNo) + ": '" + line +
                                  "' is not a section header: expected [name]");
            const std::string name = trim(line.substr(1, line.size() - 2));
            for (const auto& s : ini.sections_)
                if (s.name() == name)
                    throw ConfigError(fileName + ":" + std::to_string(lineNo) + ": section [" + name +
                                      "] appears twice: expected each section once");
            ini.sections_.emplace_back(fileName, name);
            current = &ini.sections_.back();
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos || eq == 0)
            throw ConfigError(fileName + ":" + std::to_string(lineNo) + ": '" + line +
                              "' is not a setting: expected key = value");
        if (!current)
            throw ConfigError(fileName + ":" + std::to_string(lineNo) + ": setting '" + trim(line.substr(0, eq)) +
                              "' comes before any [section]: expected it inside a section");
        std::string value = trim(line.substr(eq + 1));
        // Trailing comments: " # ..." after the value.
        const auto hash = value.find(" #");
        if (hash != std::string::npos) value = trim(value.substr(0, hash));
        const std::string key = trim(line.substr(0, eq));
        if (current->has(key))
            throw ConfigError(fileName + ":" + std::to_string(lineNo) + ": [" + current->name() + "] " + key +
                              " is set twice: expected it once");
        current->set(key, value, lineNo);
    }
    return ini;
}

const IniSection* IniFile::section(const std::string& name) const {
    for (const auto& s : sections_)
        if (s.name() == name) return &s;
    return nullptr;
}

const IniSection& IniFile::sectionOrEmpty(const std::string& name) const {
    const IniSection* s = section(name);
    return s ? *s : empty_;
}

}  // namespace lw::config
