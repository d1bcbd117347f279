// A small libpq wrapper: one connection, statements with text parameters, results as text. No Qt, no clock.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <stdexcept>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace lw::central {

// NULL is std::nullopt; every other value travels as text (PostgreSQL casts it to the column's type).
using Value = std::optional<std::string>;
using Row = std::vector<Value>;

struct PgResult {
    std::vector<std::string> columns;
    std::vector<Row> rows;
    long long affected = 0;  // rows inserted/updated/deleted
};

class PgError : public std::runtime_error {
public:
    PgError(const std::string& message, std::string sqlState, bool connectionLost)
        : std::runtime_error(message), sqlState_(std::move(sqlState)), connectionLost_(connectionLost) {}
    const std::string& sqlState() const { return sqlState_; }  // "42501" (insufficient privilege), ...
    bool connectionLost() const { return connectionLost_; }
private:
    std::string sqlState_;
    bool connectionLost_;
};

class Pg {
public:
    // Connects (connect_timeout 10 s unless the string says otherwise); `password` empty: none given here.
    // Throws PgError with libpq's reason.
    Pg(const std::string& conninfo, const std::string& password = {});
    ~Pg();
    Pg(const Pg&) = delete;
    Pg& operator=(const Pg&) = delete;

    PgResult exec(const std::string& sql, const std::vector<Value>& params = {});
    // The same with every column in PostgreSQL's binary format: text as its bytes, bytea as its raw bytes (no hex
    // doubling); only for statements whose columns are all text or bytea.
    PgResult execBinary(const std::string& sql, const std::vector<Value>& params = {});
    // Row by row without holding the whole result (libpq's single-row mode): `row(values, nulls)` gets each row's
    // columns as views valid during the call. `binary`: every column in binary format (text and bytea only).
    using RowView = std::vector<std::string_view>;
    void stream(const std::string& sql, const std::vector<Value>& params, bool binary,
                const std::function<void(const RowView& values, const std::vector<bool>& nulls)>& row);
    // Several statements in one string (schema scripts); no parameters.
    void script(const std::string& sql);
    bool ok() const;
    // The password as the server will store it (a SCRAM verifier, as the server's password_encryption says), made
    // here so that the clear password never travels in a statement (nor lands in the server's log).
    std::string encryptPassword(const std::string& password, const std::string& role);
    std::string user() const;

private:
    PgResult run(const std::string& sql, const std::vector<Value>& params, int resultFormat);
    pg_conn* conn_ = nullptr;
};

// An SQL identifier quoted ("name"), and the hex text of bytes for a bytea parameter ("\x0a1b...").
std::string quoteIdent(const std::string& name);
std::string byteaHex(const std::string& bytes);
std::string fromByteaHex(const std::string& text);  // the reverse (PostgreSQL's text output of bytea)

}  // namespace lw::central
