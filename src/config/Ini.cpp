// A small INI reader for config and profile files.
#include "config/Ini.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

std::size_t invalidUtf8At(const std::string& text) {
    const auto* b = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned c = b[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned cp = 0, min = 0;
        if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07, min = 0x10000;
        else return i;
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((b[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (b[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::string::npos;
}

bool looksLikeGb18030(const std::string& text) {
    const auto* b = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    bool any = false;
    for (std::size_t i = 0; i < n;) {
        const unsigned c = b[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c == 0x80 || c == 0xFF || i + 1 >= n) return false;
        const unsigned t = b[i + 1];
        if ((t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFE)) {
            i += 2;  // a two-byte (GBK) character
        } else if (t >= 0x30 && t <= 0x39 && i + 3 < n && b[i + 2] >= 0x81 && b[i + 2] <= 0xFE && b[i + 3] >= 0x30 &&
                   b[i + 3] <= 0x39) {
            i += 4;  // a four-byte GB18030 character
        } else {
            return false;
        }
        any = true;
    }
    return any;
}

std::string readConfigText(const std::string& path, FileFacts* facts) {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer; the type is checked on the open file.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT) throw ConfigError(path + ": no such file (is the path right?)");
        if (err == EACCES) throw ConfigError(path + ": permission denied (may this user read it?)");
        throw ConfigError(path + ": cannot be opened: " + std::strerror(err));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw ConfigError(path + ": cannot be examined: " + std::strerror(errno));
    const char* what = S_ISDIR(st.st_mode)    ? "a directory"
                       : S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)"
                       : S_ISCHR(st.st_mode)  ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                       : S_ISREG(st.st_mode)  ? nullptr
                                              : "not a regular file";
    if (what)
        throw ConfigError(path + ": is " + std::string(what) + ", not a config file: expected a regular file (" +
                          "e.g. config/lobbywatch.example.ini copied and edited)");
    if (st.st_size > kMaxConfigBytes)
        throw ConfigError(path + ": is " + std::to_string(static_cast<long long>(st.st_size)) +
                          " bytes; a config file is at most " + std::to_string(kMaxConfigBytes) +
                          " bytes (is it the right file?)");
    // Back to blocking reads of a regular file.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    std::string text;
    char buffer[16384];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw ConfigError(path + ": cannot be read: " + std::strerror(errno));
        }
        if (got == 0) break;
        text.append(buffer, static_cast<std::size_t>(got));
        // The file grew while being read: still never more than the limit in memory.
        if (static_cast<long long>(text.size()) > kMaxConfigBytes)
            throw ConfigError(path + ": is more than " + std::to_string(kMaxConfigBytes) +
                              " bytes; a config file is at most that (is it the right file?)");
    }
    if (facts) *facts = FileFacts{static_cast<unsigned>(st.st_mode), static_cast<unsigned>(st.st_gid)};
    return text;
}

IniFile IniFile::load(const std::string& path) { return parse(readConfigText(path), path); }

namespace {

// The key a line sets, or its section header, for a message about the line.
std::string lineSubject(const std::string& line, const IniSection* current) {
    const std::string t = trim(line);
    if (!t.empty() && t.front() == '[') return "section header";
    const auto eq = t.find('=');
    const std::string section = current ? "[" + current->name() + "] " : "";
    if (eq == std::string::npos) return section.empty() ? "line" : section + "line";
    return section + trim(t.substr(0, eq));
}

// A control character (C0 but tab, DEL, or C1 as UTF-8) in an UTF-8 line: its code point, or -1.
long controlCharIn(const std::string& line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if ((c < 0x20 && c != '\t') || c == 0x7F) return c;
        if (c == 0xC2 && i + 1 < line.size()) {
            const auto d = static_cast<unsigned char>(line[i + 1]);
            if (d >= 0x80 && d <= 0x9F) return d;
        }
    }
    return -1;
}

}  // namespace

IniFile IniFile::parse(const std::string& text, const std::string& fileName) {
    IniFile ini;
    ini.file_ = fileName;
    ini.empty_ = IniSection(fileName, "");
    // A byte-order mark (Windows editors write one when saving as UTF-8) is not part of the first line.
    const bool bom = text.compare(0, 3, "\xEF\xBB\xBF") == 0;
    std::istringstream in(bom ? text.substr(3) : text);
    std::string raw;
    int lineNo = 0;
    IniSection* current = nullptr;
    while (std::getline(in, raw)) {
        ++lineNo;
        if (!raw.empty() && raw.back() == '\r') raw.pop_back();  // CRLF line ends
        if (const std::size_t bad = invalidUtf8At(raw); bad != std::string::npos) {
            char byte[16];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(raw[bad]));
            std::string msg = fileName + ":" + std::to_string(lineNo) + ": " + lineSubject(raw, current) +
                              ": the file is not UTF-8 (byte " + byte + " at column " + std::to_string(bad + 1) + ")";
            if (looksLikeGb18030(text))
                msg += "; it looks like GBK/GB18030 (what Notepad saves in a Chinese locale)";
            msg += ". Save it as UTF-8, or convert it with: iconv -f GB18030 -t UTF-8 '" + fileName +
                   "' > converted.ini (then check the names and replace the file)";
            throw ConfigError(msg);
        }
        const std::string line = trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (const long c = controlCharIn(line); c >= 0) {
            char code[32];
            std::snprintf(code, sizeof code, "U+%04lX", static_cast<unsigned long>(c));
            throw ConfigError(fileName + ":" + std::to_string(lineNo) + ": " + lineSubject(line, current) +
                              ": contains the control character " + code +
                              ": expected printable text (names show on screen and in reports)");
        }
        if (line.front() == '[') {
            if (line.back() != ']' || line.size() < 3)
                throw ConfigError(fileName + ":" + std::to_string(lineNo) + ": '" + line +
                                  "' is not a section header: expected [name]");
            const std::string name = trim(line.substr(1, line.size() - 2));
            for (const auto& s : ini.sections_)
                if (s.name() == name)
                    throw ConfigError(fileName + ":" + std::to_string(lineNo) + ": section [" + name +
                                      "] appears twice: expected each section once");
            ini.sections_.emplace_back(fileName, name, lineNo);
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
