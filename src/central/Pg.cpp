// libpq, wrapped: errors as exceptions with the server's message and SQLSTATE.
#include "central/Pg.h"

#include <libpq-fe.h>

#include <memory>

namespace lw::central {

namespace {

std::string trimmed(const char* text) {
    std::string s = text ? text : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

}  // namespace

Pg::Pg(const std::string& conninfo, const std::string& password) {
    // expand_dbname: the first "dbname" is the whole connection string; later keys override what it says, so ours
    // are added only where it says nothing.
    std::vector<const char*> keys{"dbname", "application_name"};
    std::vector<const char*> values{conninfo.c_str(), "lobbywatch"};
    if (conninfo.find("connect_timeout") == std::string::npos) {
        keys.push_back("connect_timeout");
        values.push_back("10");
    }
    if (!password.empty()) {
        keys.push_back("password");
        values.push_back(password.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    conn_ = PQconnectdbParams(keys.data(), values.data(), 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
        std::string why = conn_ ? trimmed(PQerrorMessage(conn_)) : "out of memory";
        if (conn_) PQfinish(conn_);
        conn_ = nullptr;
        throw PgError("cannot connect to the central database: " + why, "08001", true);
    }
}

Pg::~Pg() {
    if (conn_) PQfinish(conn_);
}

bool Pg::ok() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

std::string Pg::encryptPassword(const std::string& password, const std::string& role) {
    char* hashed = PQencryptPasswordConn(conn_, password.c_str(), role.c_str(), nullptr);
    if (!hashed) throw PgError("cannot hash the password: " + trimmed(PQerrorMessage(conn_)), "", false);
    std::string out = hashed;
    PQfreemem(hashed);
    return out;
}

std::string Pg::user() const { return conn_ ? PQuser(conn_) : ""; }

PgResult Pg::exec(const std::string& sql, const std::vector<Value>& params) { return run(sql, params, 0); }

PgResult Pg::execBinary(const std::string& sql, const std::vector<Value>& params) { return run(sql, params, 1); }

PgResult Pg::run(const std::string& sql, const std::vector<Value>& params, int resultFormat) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(
        PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, resultFormat),
        PQclear);
    const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
        const bool lost = PQstatus(conn_) != CONNECTION_OK;
        throw PgError(trimmed(r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_)), state ? state : "", lost);
    }
    PgResult out;
    const int n = PQntuples(r.get()), m = PQnfields(r.get());
    for (int j = 0; j < m; ++j) out.columns.emplace_back(PQfname(r.get(), j));
    out.rows.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        Row row;
        row.reserve(static_cast<std::size_t>(m));
        for (int j = 0; j < m; ++j)
            row.push_back(PQgetisnull(r.get(), i, j) ? Value{} : Value{std::string(PQgetvalue(r.get(), i, j),
                                                                                   static_cast<std::size_t>(PQgetlength(r.get(), i, j)))});
        out.rows.push_back(std::move(row));
    }
    const char* tuples = PQcmdTuples(r.get());
    out.affected = tuples && *tuples ? std::stoll(tuples) : 0;
    return out;
}

void Pg::stream(const std::string& sql, const std::vector<Value>& params, bool binary,
                const std::function<void(const RowView&, const std::vector<bool>&)>& row) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    if (!PQsendQueryParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr,
                           binary ? 1 : 0) ||
        !PQsetSingleRowMode(conn_))
        throw PgError(trimmed(PQerrorMessage(conn_)), "", PQstatus(conn_) != CONNECTION_OK);
    std::string error, state;
    RowView view;
    std::vector<bool> nulls;
    while (PGresult* r = PQgetResult(conn_)) {
        std::unique_ptr<PGresult, void (*)(PGresult*)> owned(r, PQclear);
        const ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_SINGLE_TUPLE && error.empty()) {
            const int m = PQnfields(r);
            view.resize(static_cast<std::size_t>(m));
            nulls.resize(static_cast<std::size_t>(m));
            for (int j = 0; j < m; ++j) {
                nulls[static_cast<std::size_t>(j)] = PQgetisnull(r, 0, j) != 0;
                view[static_cast<std::size_t>(j)] = std::string_view(PQgetvalue(r, 0, j), static_cast<std::size_t>(PQgetlength(r, 0, j)));
            }
            try {
                row(view, nulls);
            } catch (const std::exception& e) {
                error = e.what();  // read the rest of the results before throwing: the connection stays usable
            }
        } else if (status != PGRES_TUPLES_OK && status != PGRES_SINGLE_TUPLE && error.empty()) {
            const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
            state = s ? s : "";
            error = trimmed(PQresultErrorMessage(r));
        }
    }
    if (!error.empty()) throw PgError(error, state, PQstatus(conn_) != CONNECTION_OK);
}

void Pg::script(const std::string& sql) {
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn_, sql.c_str()), PQclear);
    const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
        throw PgError(trimmed(r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_)), state ? state : "",
                      PQstatus(conn_) != CONNECTION_OK);
    }
}

std::string quoteIdent(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string byteaHex(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out = "\\x";
    out.reserve(2 + bytes.size() * 2);
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string fromByteaHex(const std::string& text) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    std::string out;
    if (text.size() < 2 || text[0] != '\\' || text[1] != 'x') return out;
    out.reserve((text.size() - 2) / 2);
    for (std::size_t i = 2; i + 1 < text.size(); i += 2) out += static_cast<char>((nibble(text[i]) << 4) | nibble(text[i + 1]));
    return out;
}

}  // namespace lw::central
