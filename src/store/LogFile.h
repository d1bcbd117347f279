// The event log as a file: is it LobbyWatch's, is it private, and who holds it for writing.
#pragma once

#include <QString>

#include <cstdint>
#include <memory>
#include <string>

namespace lw::store {

// PRAGMA application_id of a LobbyWatch event log: "LOBW" in ASCII (0x4C4F4257). SQLite keeps it at byte 68 of
// the file's header, so `file` and this code can tell a LobbyWatch log from any other SQLite database without
// opening it.
constexpr std::int32_t kApplicationId = 0x4C4F4257;

// What an existing path holds, found without letting SQLite open it for writing (nothing is created, changed or
// renamed while finding out).
struct LogIdentity {
    enum class Kind {
        Missing,     // nothing there: a new log may be created
        Empty,       // an empty file: a new log may be started in it
        LobbyWatch,  // a LobbyWatch log (marked with kApplicationId, or an earlier one recognised by its tables)
        Foreign,     // something else: never opened for writing, never moved
        Unknown,     // cannot be read to tell (left alone as well)
    };
    Kind kind = Kind::Missing;
    bool marked = false;  // LobbyWatch: carries kApplicationId already
    bool mayBeDamagedLog = false;  // Foreign: a regular file that is no SQLite database (a log's first page lost?)
    std::string why;      // Foreign / Unknown: what it is instead ("an SQLite database of another program", "a text file", ...)
};
LogIdentity identifyLog(const QString& path);

// Empty when the log, its -wal and -shm, and its directory are private to this user; else what is wrong and the
// chmod that fixes it. Others may read nothing (customers' contacts, PIN hashes) and write nothing (the record).
// Group bits count only for a group other than the kiosk user's own (a umask of 002 gives files to the user's
// private group), as for the config file.
std::string privacyProblem(const QString& path);

// The one-writer lock: an flock on <log>.lock, which holds the holder's PID and what it is (kiosk, import,
// replay). flock, not SQLite's locks: it is held for the whole run (SQLite's write lock only during a commit,
// and its exclusive locking mode would shut out the readers that reports and complaint lists are), it leaves
// SQLite's own locking alone, and the kernel drops it when the process ends in any way, SIGKILL included; a
// stale lock file of a dead process locks nothing.
class WriterLock {
public:
    enum class Outcome { Taken, HeldByOther, CannotLock };
    struct Result {
        Outcome outcome = Outcome::CannotLock;
        std::unique_ptr<WriterLock> lock;  // Taken
        std::string message;               // HeldByOther: names the holder's PID; CannotLock: why
    };
    static std::string lockPathFor(const std::string& logPath) { return logPath + ".lock"; }
    static Result take(const QString& logPath, const std::string& what);
    // Also holds the log file itself (an flock on it), once it exists: removing or replacing the lock file while
    // the holder runs (it looks like a leftover) must not let a second writer in. False: another process holds it.
    bool holdLog(const QString& logPath);
    ~WriterLock();
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

private:
    explicit WriterLock(int fd) : fd_(fd) {}
    int fd_ = -1;
    int logFd_ = -1;
};

}  // namespace lw::store
