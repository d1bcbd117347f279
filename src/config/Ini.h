// A small INI reader for config and profile files: sections, key = value, '#' or ';' comments.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lw::config {

// Every message names the file, the line (when there is one), the key and what was expected.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct IniEntry {
    std::string value;
    int line = 0;
};

class IniSection {
public:
    IniSection(std::string file, std::string name, int line = 0)
        : file_(std::move(file)), name_(std::move(name)), line_(line) {}
    const std::string& name() const { return name_; }
    int line() const { return line_; }  // the line of its [header] (0 for the empty stand-in)
    bool has(const std::string& key) const { return entries_.count(key) != 0; }
    std::vector<std::string> keys() const;  // in file order

    // Typed reads. A missing key gives the fallback; a malformed value throws ConfigError naming file, line and key.
    std::string text(const std::string& key, const std::string& fallback) const;
    std::string requiredText(const std::string& key) const;
    double number(const std::string& key, double fallback, double min, double max) const;
    int integer(const std::string& key, int fallback, int min, int max) const;
    bool boolean(const std::string& key, bool fallback) const;
    // "HH:MM" -> minutes after midnight.
    int timeOfDay(const std::string& key, int fallbackMinutes) const;

    void set(const std::string& key, std::string value, int line);
    const IniEntry* find(const std::string& key) const;
    [[noreturn]] void fail(const std::string& key, const std::string& expected) const;
    const std::string& file() const { return file_; }

private:
    std::string file_;
    std::string name_;
    int line_ = 0;
    std::map<std::string, IniEntry> entries_;
    std::vector<std::string> order_;
};

// What a config file's own inode says (read from the open file, so it is the file that was read).
struct FileFacts {
    unsigned mode = 0;  // st_mode
    unsigned gid = 0;
};

// A config file is small: anything larger is refused before it is read.
constexpr long long kMaxConfigBytes = 1024 * 1024;

// Reads a config file: a regular file (not a directory, FIFO or device, which are refused without blocking) of at
// most kMaxConfigBytes. Throws ConfigError naming the file and what it is.
std::string readConfigText(const std::string& path, FileFacts* facts = nullptr);

class IniFile {
public:
    static IniFile load(const std::string& path);                               // throws ConfigError
    // The text must be UTF-8 (a leading byte-order mark is skipped) without control characters outside comments;
    // a line that is not is refused naming the line and key (and, for a GBK/GB18030 file, how to convert it).
    static IniFile parse(const std::string& text, const std::string& fileName);  // throws ConfigError
    const std::string& fileName() const { return file_; }
    const std::vector<IniSection>& sections() const { return sections_; }
    const IniSection* section(const std::string& name) const;
    // A section that may be absent: an empty one then, so typed reads give their fallbacks.
    const IniSection& sectionOrEmpty(const std::string& name) const;

private:
    std::string file_;
    std::vector<IniSection> sections_;
    IniSection empty_{"", ""};
};

// "HH:MM" -> minutes after midnight, or nullopt.
std::optional<int> parseTimeOfDay(const std::string& text);
std::string trim(const std::string& text);
std::vector<std::string> split(const std::string& text, char separator);  // trimmed parts
// Where `text` stops being UTF-8 (a byte offset), or npos when all of it is (overlong forms, surrogates and code
// points above U+10FFFF are not UTF-8).
std::size_t invalidUtf8At(const std::string& text);
// True when `text` reads as GB18030 (GBK's superset): every byte above 0x7F starts a valid 2- or 4-byte sequence.
bool looksLikeGb18030(const std::string& text);

}  // namespace lw::config
