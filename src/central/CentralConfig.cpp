// [central] parsed and checked: the connection string, TLS, the password file, the shipping cadence.
#include "central/CentralConfig.h"

#include "config/Ini.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lw::central {

using config::ConfigError;

CentralConfig parseCentralSection(const config::IniSection& s) {
    const std::vector<std::string> known{"url", "password_file", "allow_plaintext", "max_lag_min", "batch_rows",
                                         "ship_every_s", "retry_max_s"};
    for (const auto& key : s.keys())
        if (std::find(known.begin(), known.end(), key) == known.end())
            s.fail(key, "one of the keys url, password_file, allow_plaintext, max_lag_min, batch_rows, ship_every_s, "
                        "retry_max_s (unknown key; a typo?)");
    CentralConfig c;
    c.allowPlaintext = s.boolean("allow_plaintext", false);
    c.url = s.text("url", "");
    if (!c.url.empty()) {
        const auto* entry = s.find("url");
        const std::string where = s.file() + ":" + std::to_string(entry ? entry->line : s.line()) + ": [central] url";
        c.url = checkedConnectionString(c.url, c.allowPlaintext, where);
    }
    c.passwordFile = s.text("password_file", "");
    c.maxLagMin = s.integer("max_lag_min", c.maxLagMin, 1, 7 * 24 * 60);
    c.batchRows = s.integer("batch_rows", c.batchRows, 1, 5000);
    c.shipEverySeconds = s.integer("ship_every_s", c.shipEverySeconds, 1, 3600);
    c.retryMaxSeconds = s.integer("retry_max_s", c.retryMaxSeconds, 5, 3600);
    return c;
}

std::string checkedConnectionString(const std::string& url, bool allowPlaintext, const std::string& where) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    if (!options) {
        std::string why = error ? error : "out of memory";
        if (error) PQfreemem(error);
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        throw ConfigError(where + ": expected a libpq connection string "
                          "(host=... dbname=... user=... sslmode=verify-full, or postgresql://...): " + why);
    }
    std::string sslmode, password;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        if (!o->val) continue;
        if (std::string(o->keyword) == "sslmode") sslmode = o->val;
        if (std::string(o->keyword) == "password") password = o->val;
    }
    PQconninfoFree(options);
    if (!password.empty())
        throw ConfigError(where + ": holds a password; put it in [central] password_file (a file only the kiosk's "
                                  "user may read) instead");
    const bool tls = sslmode == "require" || sslmode == "verify-ca" || sslmode == "verify-full";
    if (!sslmode.empty() && !tls && !allowPlaintext)
        throw ConfigError(where + ": sslmode=" + sslmode + " does not require TLS; expected sslmode=verify-full, "
                                  "verify-ca or require (allow_plaintext = yes only for tests)");
    if (!sslmode.empty()) return url;
    // The bank's network is not trusted: no sslmode means verify-full (libpq's own default would be "prefer").
    const bool uri = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
    if (uri) return url + (url.find('?') == std::string::npos ? "?" : "&") + "sslmode=verify-full";
    return url + " sslmode=verify-full";
}

std::string readPasswordFile(const std::string& path, const std::string& where, const std::string& what) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw ConfigError(where + ": cannot read " + path + " (expected the file holding " + what + ")");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw ConfigError(where + ": " + path + " is not a regular file");
    }
    if (st.st_uid != ::geteuid()) {
        ::close(fd);
        throw ConfigError(where + ": " + path + " belongs to another user; it must be the kiosk user's own (chown)");
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        ::close(fd);
        throw ConfigError(where + ": " + path + " can be read or written by other users; " + what + " must be "
                                  "private. Fix it with: chmod 600 '" + path + "'");
    }
    std::string text;
    char buffer[512];
    ssize_t n = 0;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0 && text.size() < 4096) text.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    auto end = text.find_first_of("\r\n");
    if (end != std::string::npos) text.resize(end);
    if (text.empty()) throw ConfigError(where + ": " + path + " is empty (expected the password on its first line)");
    return text;
}

bool isBranchId(const std::string& id) {
    return !id.empty() && id.size() <= 40 &&
           std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

std::string branchRole(const std::string& id) {
    std::string role = "lw_branch_";
    for (char c : id) role += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return role;
}

}  // namespace lw::central
