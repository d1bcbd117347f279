// One shipping pass over the log's tables, day totals and complaints.
#include "central/link/Shipper.h"

#include "central/CentralSchema.h"
#include "complaint/ComplaintReport.h"
#include "store/EventStore.h"
#include "lobby/LocalTime.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <sstream>

namespace lw::central {

namespace {

Value textOf(const QVariant& v) {
    if (v.isNull()) return std::nullopt;
    return v.toString().toStdString();
}

std::vector<std::string> splitCsvLine(const std::string& line) {
    // The anonymised record never holds a comma or a quote inside a field (ComplaintReport.cpp writes "?" then).
    std::vector<std::string> out;
    std::size_t at = 0;
    while (true) {
        auto comma = line.find(',', at);
        out.push_back(line.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
        if (comma == std::string::npos) break;
        at = comma + 1;
    }
    return out;
}

}  // namespace

std::string settingsText(const kiosk::KioskConfig& config) {
    BranchSettings s;
    s.utcOffsetMinutes = config.lobby.utcOffsetMinutes;
    s.businessDayStartMinutes = config.lobby.businessDayStartMinutes;
    s.escalateAfterMin = config.security.escalateAfterMin;
    for (const auto& c : config.lobby.categories)
        s.categories.push_back({c.code, c.nameZh, c.nameEn, c.targetMin, c.warningMin, c.limitMin});
    for (const auto& w : config.lobby.windows) s.windows.push_back({w.number, w.serves});
    return formatSettings(s);
}

Shipper::Shipper(QString logPath, kiosk::KioskConfig config, std::string password)
    : logPath_(std::move(logPath)), config_(std::move(config)), password_(std::move(password)) {
    connection_ = QStringLiteral("lw_ship_") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
    db.setDatabaseName(logPath_);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    db.open();
}

Shipper::~Shipper() {
    store_.reset();
    { QSqlDatabase::database(connection_, false).close(); }
    QSqlDatabase::removeDatabase(connection_);
}

void Shipper::connect() {
    pg_ = std::make_unique<Pg>(config_.central.url, password_);
    // Check in: the role must be this branch's (the row-level security would refuse every row otherwise).
    auto r = pg_->exec("UPDATE lobbywatch.branches SET name = $1, region = $2, config = $3, last_ship_at = now()"
                       " WHERE role_name = current_user RETURNING branch_id",
                       {config_.branch.name, config_.branch.region, settingsText(config_)});
    if (r.rows.empty())
        throw PgError("the role " + pg_->user() + " is no branch of the central database (add it with: lobbywatch "
                      "central add-branch " + config_.branch.id + ")", "42501", false);
    if (r.rows[0][0].value_or("") != config_.branch.id)
        throw PgError("the role " + pg_->user() + " writes for branch " + r.rows[0][0].value_or("") +
                      " in the central database, but [branch] id is " + config_.branch.id, "42501", false);
    positions_.clear();
}

void Shipper::ensureMonths(const std::set<std::string>& months) {
    for (const auto& m : months) {
        if (monthsMade_.count(m)) continue;
        pg_->exec("SELECT lobbywatch.ensure_month($1::date)", {m + "-01"});
        monthsMade_.insert(m);
    }
}

long long Shipper::shipTable(const ShippedTable& table) {
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    {
        QSqlQuery exists(db);
        exists.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
        exists.addBindValue(QString::fromStdString(table.name));
        if (!exists.exec() || !exists.next()) return 0;  // a log without this table (an older schema): nothing to ship
    }
    auto r = pg_->exec("SELECT coalesce(max(id), 0) FROM lobbywatch." + table.name + " WHERE branch_id = $1",
                       {config_.branch.id});
    long long position = std::stoll(r.rows[0][0].value_or("0"));
    positions_[table.name] = position;
    std::string columns;
    for (const auto& c : table.columns) columns += (columns.empty() ? "" : ", ") + c;
    const std::size_t dayAt = table.dayColumn.empty() ? std::string::npos
        : static_cast<std::size_t>(std::find(table.columns.begin(), table.columns.end(), table.dayColumn) - table.columns.begin());
    long long shipped = 0;
    while (true) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QString::fromStdString("SELECT " + columns + " FROM " + table.name + " WHERE id > ? ORDER BY id LIMIT ?"));
        q.addBindValue(static_cast<qlonglong>(position));
        q.addBindValue(config_.central.batchRows);
        if (!q.exec()) throw std::runtime_error("the event log: " + q.lastError().text().toStdString());
        std::vector<Value> params{config_.branch.id};
        std::set<std::string> months;
        std::size_t rows = 0;
        long long last = position;
        while (q.next()) {
            for (int c = 0; c < static_cast<int>(table.columns.size()); ++c) params.push_back(textOf(q.value(c)));
            last = q.value(0).toLongLong();
            if (dayAt != std::string::npos) {
                const std::string day = q.value(static_cast<int>(dayAt)).toString().toStdString();
                if (day.size() >= 7) months.insert(day.substr(0, 7));
            }
            ++rows;
        }
        if (rows == 0) break;
        if (shouldStop && shouldStop()) throw std::runtime_error("stopped");
        if (table.name == "events") ensureMonths(months);
        pg_->exec("BEGIN");
        try {
            pg_->exec(insertSql(table, rows), params);
            if (beforeCommit) beforeCommit(table.name, rows);
            pg_->exec("COMMIT");
        } catch (...) {
            if (pg_ && pg_->ok()) {
                try { pg_->exec("ROLLBACK"); } catch (...) {}
            }
            throw;
        }
        shipped += static_cast<long long>(rows);
        position = last;
        positions_[table.name] = position;
    }
    return shipped;
}

long long Shipper::shipDayTotals() {
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    std::map<std::string, std::string> central;
    for (const auto& row : pg_->exec("SELECT business_day::text, digest FROM lobbywatch.day_totals WHERE branch_id = $1",
                                     {config_.branch.id}).rows)
        central[row[0].value_or("")] = row[1].value_or("");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT business_day, bytes FROM day_totals ORDER BY business_day"))) return 0;
    std::vector<Value> params{config_.branch.id};
    std::size_t rows = 0;
    long long shipped = 0;
    auto flush = [&]() {
        if (rows == 0) return;
        std::string sql = "INSERT INTO lobbywatch.day_totals (branch_id, business_day, bytes, digest) VALUES ";
        for (std::size_t i = 0; i < rows; ++i)
            sql += (i ? ", " : "") + std::string("($1, $") + std::to_string(2 + 3 * i) + "::date, $" +
                   std::to_string(3 + 3 * i) + "::bytea, $" + std::to_string(4 + 3 * i) + ")";
        sql += " ON CONFLICT (branch_id, business_day) DO UPDATE SET bytes = EXCLUDED.bytes, digest = EXCLUDED.digest";
        pg_->exec(sql, params);
        shipped += static_cast<long long>(rows);
        params.resize(1);
        rows = 0;
    };
    while (q.next()) {
        const std::string day = q.value(0).toString().toStdString();
        const QByteArray raw = q.value(1).toByteArray();
        const std::string bytes(raw.constData(), static_cast<std::size_t>(raw.size()));
        const std::string d = digest(bytes);
        auto it = central.find(day);
        if (it != central.end() && it->second == d) continue;
        params.push_back(day);
        params.push_back(byteaHex(bytes));
        params.push_back(d);
        if (++rows >= 100) flush();
    }
    flush();
    return shipped;
}

long long Shipper::shipComplaints(TimeMs now) {
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    std::map<long long, long long> central;
    for (const auto& row : pg_->exec("SELECT complaint, version FROM lobbywatch.complaints WHERE branch_id = $1",
                                     {config_.branch.id}).rows)
        central[std::stoll(row[0].value_or("0"))] = std::stoll(row[1].value_or("0"));
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT c.id, coalesce((SELECT max(s.id) FROM complaint_steps s WHERE s.complaint_id = c.id), 0)"
                               " FROM complaints c ORDER BY c.id")))
        return 0;
    std::vector<std::pair<long long, long long>> changed;
    while (q.next()) {
        const long long id = q.value(0).toLongLong(), version = q.value(1).toLongLong();
        auto it = central.find(id);
        if (it == central.end() || it->second != version) changed.emplace_back(id, version);
    }
    if (changed.empty()) return 0;
    if (!store_) {
        auto opened = store::EventStore::open(logPath_, config_.lobby, store::EventStore::Check::Deferred,
                                              store::EventStore::Access::Read);
        if (!opened.store) throw std::runtime_error("the event log: " + opened.error);
        store_ = std::move(opened.store);
    }
    const std::string today = lobby::businessDayOf(now, config_.lobby);
    long long shipped = 0;
    for (const auto& [id, version] : changed) {
        auto c = store_->complaint(id);
        if (!c) continue;
        // The bank's anonymised record (the complaint export's), plus the ticket (a number, not a person) and the
        // reply clock's days, so that the central report counts complaints as the branch's own does.
        const std::string csv = complaint::anonymisedCsv({*c}, config_.branch.id, config_.complaints.rules,
                                                         config_.complaints.calendar, today);
        const auto lineEnd = csv.find("\r\n");
        const auto header = splitCsvLine(csv.substr(0, lineEnd));
        const auto fields = splitCsvLine(csv.substr(lineEnd + 2, csv.size() - lineEnd - 4));
        std::string cols = "branch_id, version", values = "$1, $2", update = "version = EXCLUDED.version, shipped_at = now()";
        std::vector<Value> params{config_.branch.id, std::to_string(version)};
        auto add = [&](const std::string& column, const std::string& value) {
            params.push_back(value.empty() ? Value{} : Value{value});
            cols += ", " + column;
            values += ", $" + std::to_string(params.size());
            if (column != "complaint") update += ", " + column + " = EXCLUDED." + column;
        };
        for (std::size_t i = 1; i < header.size() && i < fields.size(); ++i) add(complaintColumn(header[i]), fields[i]);
        add("ticket", c->ticket);
        add("ticket_day", c->ticketDay);
        add("due_day", c->dueDay);
        add("reply_day", c->replyDay);
        pg_->exec("INSERT INTO lobbywatch.complaints (" + cols + ") VALUES (" + values +
                  ") ON CONFLICT (branch_id, complaint) DO UPDATE SET " + update, params);
        ++shipped;
    }
    return shipped;
}

long long Shipper::rowsBehind(TimeMs* oldest) {
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    long long behind = 0;
    if (oldest) *oldest = 0;
    if (positions_.empty()) return -1;  // the central database was never reached: unknown
    for (const auto& table : shippedTables()) {
        QSqlQuery q(db);
        const long long position = positions_.count(table.name) ? positions_[table.name] : -1;
        if (position < 0) {
            // Never asked the central database: everything counts as behind.
            if (q.exec(QString::fromStdString("SELECT count(*) FROM " + table.name)) && q.next()) behind += q.value(0).toLongLong();
        } else {
            q.prepare(QString::fromStdString("SELECT count(*) FROM " + table.name + " WHERE id > ?"));
            q.addBindValue(static_cast<qlonglong>(position));
            if (q.exec() && q.next()) behind += q.value(0).toLongLong();
        }
        if (table.name == "events" && oldest) {
            QSqlQuery o(db);
            o.prepare(QStringLiteral("SELECT min(received_at) FROM events WHERE id > ?"));
            o.addBindValue(static_cast<qlonglong>(std::max(position, 0LL)));
            if (o.exec() && o.next() && !o.value(0).isNull()) *oldest = o.value(0).toLongLong();
        }
    }
    return behind;
}

PassResult Shipper::shipOnce(TimeMs now) {
    PassResult result;
    // A connection that was up may have died while idle (the server restarted): found out by the first statement,
    // and then tried once more at once with a fresh one rather than after a backoff.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool wasConnected = pg_ && pg_->ok();
        result = PassResult{};
        try {
            if (!wasConnected) connect();
            for (const auto& table : shippedTables()) result.shipped += shipTable(table);
            result.shipped += shipDayTotals();
            result.shipped += shipComplaints(now);
            pg_->exec("UPDATE lobbywatch.branches SET last_ship_at = now() WHERE role_name = current_user");
            result.ok = true;
        } catch (const PgError& e) {
            result.error = e.what();
            result.connectionLost = e.connectionLost() || !pg_ || !pg_->ok();
            if (result.connectionLost) pg_.reset();
            if (result.connectionLost && wasConnected && result.shipped == 0) continue;
        } catch (const std::exception& e) {
            result.error = e.what();
        }
        break;
    }
    result.rowsBehind = rowsBehind(&result.oldestUnshippedAt);
    return result;
}

}  // namespace lw::central
