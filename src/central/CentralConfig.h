// The link to the bank's central PostgreSQL ([central]) and the branch's key in it ([branch] id, region): plain C++.
#pragma once

#include <string>

namespace lw::config {
class IniSection;
}

namespace lw::central {

struct CentralConfig {
    std::string url;           // a libpq connection string (key=value or postgresql://...); empty: no central link
    std::string passwordFile;  // the password, first line of a file only the kiosk's user may read
    bool allowPlaintext = false;  // sslmode disable/allow/prefer accepted (tests, a lab); never for a branch
    int maxLagMin = 30;        // an incident when rows have waited longer than this to be shipped
    int batchRows = 500;       // rows per central transaction
    int shipEverySeconds = 10; // a pass this often while the link is up
    int retryMaxSeconds = 300; // the longest wait between tries while the link is down (doubling from 5 s)
    bool enabled() const { return !url.empty(); }
};

// [central]: every key checked, a bad one named (throws config::ConfigError).
CentralConfig parseCentralSection(const config::IniSection& section);

// The connection string checked: libpq must read it, it must not carry a password (that goes in password_file),
// and unless `allowPlaintext` it must require TLS (sslmode require, verify-ca or verify-full; none given means
// verify-full). Returns the connection string to use (sslmode added when absent), or throws ConfigError naming
// `where` (file:line: [central] url).
std::string checkedConnectionString(const std::string& url, bool allowPlaintext, const std::string& where);

// The password in `path`: a regular file owned by this user that neither group nor others may read or write
// (like ~/.pgpass). Throws ConfigError naming the key and the chmod that fixes it. `what`: the secret it holds, as
// the messages name it (a chat robot's secret or webhook address too).
std::string readPasswordFile(const std::string& path, const std::string& where,
                             const std::string& what = "the central password");

// A branch id for the central database: 1-40 of a-z A-Z 0-9 - _ (it names the branch's role).
bool isBranchId(const std::string& id);
// The PostgreSQL role a branch writes with: "lw_branch_" + id in lower case, '-' as '_'.
std::string branchRole(const std::string& id);

}  // namespace lw::central
