// The central schema: events partitioned by month, a row-level-security policy per table so that a branch's role
// writes and reads only its own rows, a read-only role for reports, and views for BI tools.
#include "central/CentralSchema.h"

#include <sstream>

namespace lw::central {

namespace {

// Tables a branch writes: row-level security, the branch group's policy and the report role's.
const char* const kBranchTables[] = {"events", "estimates", "incidents", "incident_steps", "actions", "anomalies",
                                     "day_totals", "complaints"};

std::string securitySql() {
    std::string sql;
    for (const char* t : kBranchTables) {
        const std::string table = std::string("lobbywatch.") + t;
        sql += "ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY;\n";
        sql += "CREATE POLICY own_rows ON " + table +
               " TO lw_branch USING (branch_id = lobbywatch.branch_of(current_user))"
               " WITH CHECK (branch_id = lobbywatch.branch_of(current_user));\n";
        sql += "CREATE POLICY all_rows ON " + table + " FOR SELECT TO lw_report USING (true);\n";
        sql += "GRANT SELECT ON " + table + " TO lw_report;\n";
    }
    return sql;
}

const std::string kVersion1 = R"SQL(
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lw_branch') THEN CREATE ROLE lw_branch NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lw_report') THEN CREATE ROLE lw_report NOLOGIN; END IF;
END $$;
CREATE SCHEMA lobbywatch;
REVOKE ALL ON SCHEMA lobbywatch FROM PUBLIC;
GRANT USAGE ON SCHEMA lobbywatch TO lw_branch, lw_report;
CREATE TABLE lobbywatch.schema_version (version integer NOT NULL);
INSERT INTO lobbywatch.schema_version VALUES (0);

-- One row per branch: its role, name, region and the settings its figures need; when it last shipped.
CREATE TABLE lobbywatch.branches (
  branch_id text PRIMARY KEY, role_name text NOT NULL UNIQUE, name text NOT NULL DEFAULT '',
  region text NOT NULL DEFAULT '', config text NOT NULL DEFAULT '', last_ship_at timestamptz);
ALTER TABLE lobbywatch.branches ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_row ON lobbywatch.branches TO lw_branch USING (role_name = current_user);
CREATE POLICY all_rows ON lobbywatch.branches FOR SELECT TO lw_report USING (true);
GRANT SELECT, UPDATE (name, region, config, last_ship_at) ON lobbywatch.branches TO lw_branch;
GRANT SELECT ON lobbywatch.branches TO lw_report;

-- The branch a role writes for (SECURITY DEFINER: the policies call it for roles that may not read other rows).
CREATE FUNCTION lobbywatch.branch_of(role name) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, lobbywatch
  AS $f$ SELECT branch_id FROM lobbywatch.branches WHERE role_name = role $f$;

-- Every logged event, partitioned by the month of its business day (one partition per month, made on demand).
CREATE TABLE lobbywatch.events (
  branch_id text NOT NULL, id bigint NOT NULL, received_at bigint NOT NULL, business_day date NOT NULL,
  kind text NOT NULL, ticket text, category text, window_no integer, to_window integer,
  priority integer NOT NULL DEFAULT 0, detail text, port text NOT NULL, device integer NOT NULL, seq integer NOT NULL,
  frame_crc integer, import_key bigint,
  PRIMARY KEY (branch_id, id, business_day)) PARTITION BY RANGE (business_day);
CREATE INDEX events_by_day ON lobbywatch.events (branch_id, business_day, id);

-- The month's partition of events, made by its owner for whichever branch first ships a day of that month.
CREATE FUNCTION lobbywatch.ensure_month(day date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, lobbywatch AS $f$
DECLARE
  first date := date_trunc('month', day)::date;
  part text := 'events_' || to_char(day, 'YYYY_MM');
BEGIN
  IF to_regclass('lobbywatch.' || part) IS NOT NULL THEN RETURN; END IF;
  -- Branches shipping the first day of a month at once: one makes it, the others find it made.
  PERFORM pg_advisory_xact_lock(72010401);
  BEGIN
    EXECUTE format('CREATE TABLE lobbywatch.%I PARTITION OF lobbywatch.events FOR VALUES FROM (%L) TO (%L)',
                   part, first, (first + interval '1 month')::date);
  EXCEPTION WHEN duplicate_table THEN
    NULL;
  END;
END $f$;
REVOKE ALL ON FUNCTION lobbywatch.ensure_month(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lobbywatch.ensure_month(date) TO lw_branch;

CREATE TABLE lobbywatch.estimates (
  branch_id text NOT NULL, id bigint NOT NULL, issued_at bigint NOT NULL, business_day date NOT NULL,
  ticket text NOT NULL, category text NOT NULL, estimate_min integer, PRIMARY KEY (branch_id, id));
CREATE INDEX estimates_by_day ON lobbywatch.estimates (branch_id, business_day);
CREATE TABLE lobbywatch.incidents (
  branch_id text NOT NULL, id bigint NOT NULL, raised_at bigint NOT NULL, business_day date NOT NULL,
  kind text NOT NULL, severity text NOT NULL, subject text NOT NULL, message_zh text NOT NULL, message_en text NOT NULL,
  PRIMARY KEY (branch_id, id));
CREATE INDEX incidents_by_day ON lobbywatch.incidents (branch_id, business_day);
CREATE TABLE lobbywatch.incident_steps (
  branch_id text NOT NULL, id bigint NOT NULL, incident bigint NOT NULL, at bigint NOT NULL, state text NOT NULL,
  by_whom text, note text, PRIMARY KEY (branch_id, id));
CREATE INDEX incident_steps_by_incident ON lobbywatch.incident_steps (branch_id, incident);
CREATE TABLE lobbywatch.actions (
  branch_id text NOT NULL, id bigint NOT NULL, at bigint NOT NULL, business_day date NOT NULL, who text,
  action text NOT NULL, subject text, detail text, PRIMARY KEY (branch_id, id));
CREATE TABLE lobbywatch.anomalies (
  branch_id text NOT NULL, id bigint NOT NULL, at bigint NOT NULL, business_day date NOT NULL, kind text NOT NULL,
  ticket text, window_no integer, message text NOT NULL, PRIMARY KEY (branch_id, id));
-- A closed day's report totals (the kiosk's own serialized report::Totals; `digest` says which version is here).
CREATE TABLE lobbywatch.day_totals (
  branch_id text NOT NULL, business_day date NOT NULL, bytes bytea NOT NULL, digest text NOT NULL,
  PRIMARY KEY (branch_id, business_day));
-- The anonymised complaint record (no names, contacts or free text), as of `shipped_at`; `version`: the branch's
-- latest step of it.
CREATE TABLE lobbywatch.complaints (
  branch_id text NOT NULL, complaint bigint NOT NULL, version bigint NOT NULL, shipped_at timestamptz NOT NULL DEFAULT now(),
  received_day date, complained_day date, channel text, cause text, complaint_class text, state text,
  escalation_level integer, bank_at_fault text, apology text, satisfied text, answered_on_spot text,
  follow_up_day date, answer_due date, answer text, agreed_due date, agreed text, reply_due date, reply text,
  resolve_due date, resolve text, ticket text, ticket_day date, due_day date, reply_day date,
  PRIMARY KEY (branch_id, complaint));
GRANT SELECT, INSERT ON lobbywatch.events, lobbywatch.estimates, lobbywatch.incidents, lobbywatch.incident_steps,
  lobbywatch.actions, lobbywatch.anomalies TO lw_branch;
GRANT SELECT, INSERT, UPDATE ON lobbywatch.day_totals, lobbywatch.complaints TO lw_branch;
)SQL";

// Views for the bank's BI tools (documented in docs/CENTRAL.md): plain columns, times as timestamptz.
const std::string kViews = R"SQL(
CREATE VIEW lobbywatch.v_branches AS
  SELECT branch_id, name, region, last_ship_at FROM lobbywatch.branches;
CREATE VIEW lobbywatch.v_events AS
  SELECT e.branch_id, b.region, e.business_day, to_timestamp(e.received_at / 1000.0) AS at, e.kind, e.ticket,
         e.category, e.window_no, e.to_window, e.priority = 1 AS vip, e.detail
  FROM lobbywatch.events e JOIN lobbywatch.branches b USING (branch_id);
CREATE VIEW lobbywatch.v_ticket_waits AS
  SELECT e.branch_id, b.region, e.business_day, e.ticket, min(e.category) FILTER (WHERE e.kind = 'issued') AS category,
         to_timestamp(min(e.received_at) FILTER (WHERE e.kind = 'issued') / 1000.0) AS issued_at,
         to_timestamp(min(e.received_at) FILTER (WHERE e.kind = 'called') / 1000.0) AS first_called_at,
         (min(e.received_at) FILTER (WHERE e.kind = 'called') - min(e.received_at) FILTER (WHERE e.kind = 'issued')) / 1000.0 AS wait_s,
         bool_or(e.kind = 'finished') AS served
  FROM lobbywatch.events e JOIN lobbywatch.branches b USING (branch_id)
  WHERE e.ticket IS NOT NULL AND e.ticket <> ''
  GROUP BY e.branch_id, b.region, e.business_day, e.ticket;
CREATE VIEW lobbywatch.v_incidents AS
  SELECT i.branch_id, b.region, i.business_day, i.id, to_timestamp(i.raised_at / 1000.0) AS raised_at, i.kind,
         i.severity, i.subject, i.message_en, i.message_zh,
         to_timestamp(min(s.at) FILTER (WHERE s.state = 'acknowledged') / 1000.0) AS acknowledged_at,
         to_timestamp(min(s.at) FILTER (WHERE s.state = 'resolved') / 1000.0) AS resolved_at,
         to_timestamp(min(s.at) FILTER (WHERE s.state = 'cleared') / 1000.0) AS cleared_at,
         coalesce(bool_or(s.state = 'escalated'), false) AS escalated
  FROM lobbywatch.incidents i JOIN lobbywatch.branches b USING (branch_id)
  LEFT JOIN lobbywatch.incident_steps s ON s.branch_id = i.branch_id AND s.incident = i.id
  GROUP BY i.branch_id, b.region, i.business_day, i.id, i.raised_at, i.kind, i.severity, i.subject, i.message_en, i.message_zh;
CREATE VIEW lobbywatch.v_complaints AS
  SELECT c.*, b.region FROM lobbywatch.complaints c JOIN lobbywatch.branches b USING (branch_id);
CREATE VIEW lobbywatch.v_ship_status AS
  SELECT b.branch_id, b.name, b.region, b.last_ship_at,
         (SELECT to_timestamp(max(e.received_at) / 1000.0) FROM lobbywatch.events e WHERE e.branch_id = b.branch_id) AS last_event_at
  FROM lobbywatch.branches b;
GRANT SELECT ON lobbywatch.v_branches, lobbywatch.v_events, lobbywatch.v_ticket_waits, lobbywatch.v_incidents,
  lobbywatch.v_complaints, lobbywatch.v_ship_status TO lw_report;
)SQL";

}  // namespace

const std::vector<std::string>& centralMigrations() {
    static const std::vector<std::string> migrations{kVersion1 + securitySql() + kViews};
    return migrations;
}

const std::vector<ShippedTable>& shippedTables() {
    static const std::vector<ShippedTable> tables{
        {"events", {"id", "received_at", "business_day", "kind", "ticket", "category", "window_no", "to_window",
                    "priority", "detail", "port", "device", "seq", "frame_crc", "import_key"}, "business_day"},
        {"estimates", {"id", "issued_at", "business_day", "ticket", "category", "estimate_min"}, "business_day"},
        {"incidents", {"id", "raised_at", "business_day", "kind", "severity", "subject", "message_zh", "message_en"},
         "business_day"},
        {"incident_steps", {"id", "incident", "at", "state", "by_whom", "note"}, ""},
        {"actions", {"id", "at", "business_day", "who", "action", "subject", "detail"}, "business_day"},
        {"anomalies", {"id", "at", "business_day", "kind", "ticket", "window_no", "message"}, "business_day"},
    };
    return tables;
}

std::string complaintColumn(const std::string& csvHeader) {
    return csvHeader == "class" ? "complaint_class" : csvHeader;
}

std::string insertSql(const ShippedTable& table, std::size_t rows) {
    std::string sql = "INSERT INTO lobbywatch." + table.name + " (branch_id";
    for (const auto& c : table.columns) sql += ", " + c;
    sql += ") VALUES ";
    int param = 2;
    for (std::size_t r = 0; r < rows; ++r) {
        sql += r == 0 ? "($1" : ", ($1";
        for (std::size_t c = 0; c < table.columns.size(); ++c) sql += ", $" + std::to_string(param++);
        sql += ")";
    }
    return sql + " ON CONFLICT DO NOTHING";
}

std::string quoteLiteral(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string createBranchRoleSql(const std::string& role, const std::string& password) {
    return "CREATE ROLE " + role + " LOGIN IN ROLE lw_branch PASSWORD " + quoteLiteral(password);
}

std::string formatSettings(const BranchSettings& s) {
    std::ostringstream out;
    out << "format\t1\n";
    out << "utc_offset_minutes\t" << s.utcOffsetMinutes << "\n";
    out << "business_day_start\t" << s.businessDayStartMinutes << "\n";
    out << "escalate_after_min\t" << s.escalateAfterMin << "\n";
    for (const auto& c : s.categories)
        out << "category\t" << c.code << "\t" << c.targetMin << "\t" << c.warningMin << "\t" << c.limitMin << "\t"
            << c.nameZh << "\t" << c.nameEn << "\n";
    for (const auto& w : s.windows) {
        out << "window\t" << w.number << "\t";
        for (std::size_t i = 0; i < w.serves.size(); ++i) out << (i ? "," : "") << w.serves[i];
        out << "\n";
    }
    return out.str();
}

BranchSettings parseSettings(const std::string& text, bool& ok, std::string& error) {
    BranchSettings s;
    ok = false;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    bool format = false;
    try {
        while (std::getline(in, line)) {
            ++number;
            if (line.empty()) continue;
            std::vector<std::string> f;
            std::size_t at = 0;
            while (true) {
                auto tab = line.find('\t', at);
                f.push_back(line.substr(at, tab == std::string::npos ? std::string::npos : tab - at));
                if (tab == std::string::npos) break;
                at = tab + 1;
            }
            if (f[0] == "format" && f.size() == 2 && f[1] == "1") format = true;
            else if (f[0] == "utc_offset_minutes" && f.size() == 2) s.utcOffsetMinutes = std::stoi(f[1]);
            else if (f[0] == "business_day_start" && f.size() == 2) s.businessDayStartMinutes = std::stoi(f[1]);
            else if (f[0] == "escalate_after_min" && f.size() == 2) s.escalateAfterMin = std::stoi(f[1]);
            else if (f[0] == "category" && f.size() == 7)
                s.categories.push_back({f[1], f[5], f[6], std::stoi(f[2]), std::stoi(f[3]), std::stoi(f[4])});
            else if (f[0] == "window" && f.size() == 3) {
                BranchSettings::Window w;
                w.number = std::stoi(f[1]);
                std::size_t a = 0;
                while (a < f[2].size()) {
                    auto comma = f[2].find(',', a);
                    w.serves.push_back(f[2].substr(a, comma == std::string::npos ? std::string::npos : comma - a));
                    if (comma == std::string::npos) break;
                    a = comma + 1;
                }
                s.windows.push_back(w);
            } else {
                error = "line " + std::to_string(number) + ": not a branch setting (" + f[0] + ")";
                return s;
            }
        }
    } catch (const std::exception&) {
        error = "line " + std::to_string(number) + ": not a number where one was expected";
        return s;
    }
    if (!format) {
        error = "no branch settings (the branch has not shipped yet)";
        return s;
    }
    ok = true;
    return s;
}

}  // namespace lw::central
