// The central database's schema as SQL text (numbered migrations), and what each shipped table holds: plain C++.
#pragma once

#include <string>
#include <vector>

namespace lw::central {

// Migrations, each taking the schema from version (index) to (index + 1); never edit one that shipped.
const std::vector<std::string>& centralMigrations();
inline int centralSchemaVersion() { return static_cast<int>(centralMigrations().size()); }

// An append-only table of the branch's log shipped row by row: its own id is the key (with the branch) and the
// position (the highest id the central database holds for the branch).
struct ShippedTable {
    std::string name;                  // the same name locally (SQLite) and centrally (schema lobbywatch)
    std::vector<std::string> columns;  // "id" first; the same names in both
    std::string dayColumn;             // the column naming the business day ("": none); events are partitioned by it
};
// In shipping order: an incident before its steps.
const std::vector<ShippedTable>& shippedTables();

// The anonymised complaint record's CSV header words mapped to the central columns ("class" -> "complaint_class").
std::string complaintColumn(const std::string& csvHeader);

// INSERT INTO lobbywatch.<table> (branch_id, cols...) VALUES ($1, $2...), (...) ON CONFLICT DO NOTHING, for `rows`
// rows; the parameters are the branch id once, then each row's values.
std::string insertSql(const ShippedTable& table, std::size_t rows);

// CREATE ROLE for a branch (LOGIN, in the group lw_branch). CREATE ROLE takes no parameters, so the password is a
// quoted literal: give it hashed (Pg::encryptPassword), never in clear.
std::string createBranchRoleSql(const std::string& role, const std::string& password);

// A branch's settings the central report needs (categories with their targets, windows, the business day, how
// soon an alert must be acknowledged), as text kept in lobbywatch.branches.config.
struct BranchSettings {
    int utcOffsetMinutes = 480;
    int businessDayStartMinutes = 240;
    int escalateAfterMin = 10;
    struct Category {
        std::string code, nameZh, nameEn;
        int targetMin = 15, warningMin = 20, limitMin = 30;
    };
    std::vector<Category> categories;
    struct Window {
        int number = 0;
        std::vector<std::string> serves;
    };
    std::vector<Window> windows;
};
std::string formatSettings(const BranchSettings& s);
// nullopt-like: `ok` false when the text is not settings of this format (the message says which line).
BranchSettings parseSettings(const std::string& text, bool& ok, std::string& error);

// A string literal for SQL ('it''s').
std::string quoteLiteral(const std::string& text);

}  // namespace lw::central
