// A PostgreSQL 15 server of the test's own: initdb in a temporary folder, started on a free loopback port with
// password (SCRAM) logins, stopped and removed at the end even when the test fails. Run as `nobody` when the test
// runs as root (initdb refuses root).
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStringList>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace lw::test {

class PgServer {
public:
    static constexpr const char* kBin = "/usr/lib/postgresql/15/bin";

    // `durable`: PostgreSQL's defaults (fsync, synchronous commit), for figures; else the quick settings for tests.
    explicit PgServer(bool durable = false) : durable_(durable) {
        if (!QFile::exists(QString(kBin) + "/initdb")) {
            skip_ = std::string("PostgreSQL 15 is not installed (") + kBin + "/initdb missing; ./run installs postgresql-15)";
            return;
        }
        char pattern[] = "/tmp/lw-central-pg-XXXXXX";
        if (!::mkdtemp(pattern)) {
            skip_ = "cannot make a temporary folder";
            return;
        }
        dir_ = pattern;
        asNobody_ = ::geteuid() == 0;
        if (asNobody_) {
            const passwd* nobody = ::getpwnam("nobody");
            if (!nobody) {
                skip_ = "running as root and there is no user 'nobody' to run PostgreSQL as";
                return;
            }
            if (::chown(dir_.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) {
                skip_ = "cannot give the temporary folder to 'nobody'";
                return;
            }
        }
        ::chmod(dir_.c_str(), 0700);
        port_ = freePort();
        // The superuser's password: one copy for initdb (the server's user), one private to the test (the client).
        writeFile(dir_ + "/initdb.pw", kAdminPassword, asNobody_);
        adminPasswordFile_ = privateDir() + "/admin.pw";
        writeFile(adminPasswordFile_, kAdminPassword, false);
        std::string out;
        if (!run({QString(kBin) + "/initdb", "-D", QString::fromStdString(dir_ + "/data"), "-U", "lw_admin",
                  "--pwfile=" + QString::fromStdString(dir_ + "/initdb.pw"), "--auth-host=scram-sha-256",
                  "--auth-local=trust", "-E", "UTF8", "--locale=C", "--no-sync"}, out)) {
            skip_ = "initdb failed: " + out;
            return;
        }
        started_ = start();
        if (!started_) skip_ = "the server did not start: " + out;
    }
    ~PgServer() {
        stop();
        if (!dir_.empty()) QDir(QString::fromStdString(dir_)).removeRecursively();
        if (!private_.empty()) QDir(QString::fromStdString(private_)).removeRecursively();
    }
    PgServer(const PgServer&) = delete;
    PgServer& operator=(const PgServer&) = delete;

    bool ok() const { return skip_.empty() && started_; }
    const std::string& skipReason() const { return skip_; }
    int port() const { return port_; }

    bool start() {
        std::string out;
        started_ = run({QString(kBin) + "/pg_ctl", "-D", QString::fromStdString(dir_ + "/data"), "-w", "-t", "30", "-l",
                        QString::fromStdString(dir_ + "/server.log"), "-o",
                        QString("-p %1 -c listen_addresses=127.0.0.1 -c unix_socket_directories=%2 -c max_connections=200%3")
                            .arg(port_).arg(QString::fromStdString(dir_))
                            .arg(durable_ ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"),
                        "start"}, out);
        return started_;
    }
    void stop() {
        if (!started_) return;
        std::string out;
        run({QString(kBin) + "/pg_ctl", "-D", QString::fromStdString(dir_ + "/data"), "-w", "-m", "fast", "stop"}, out);
        started_ = false;
    }

    // A connection string for `db` as `user` (TLS off: a loopback test server).
    std::string url(const std::string& db, const std::string& user = "lw_admin") const {
        return "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=" + db + " user=" + user + " sslmode=disable";
    }
    const std::string& adminPasswordFile() const { return adminPasswordFile_; }
    static constexpr const char* kAdminPassword = "admin-secret-7";

    // A folder private to the test process (password files, logs), removed at the end.
    std::string privateDir() {
        if (private_.empty()) {
            char pattern[] = "/tmp/lw-central-test-XXXXXX";
            if (::mkdtemp(pattern)) private_ = pattern;
            ::chmod(private_.c_str(), 0700);
        }
        return private_;
    }
    // A password file (mode 600) for a branch role.
    std::string passwordFile(const std::string& name, const std::string& password) {
        const std::string path = privateDir() + "/" + name + ".pw";
        writeFile(path, password, false);
        return path;
    }

private:
    static int freePort() {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        socklen_t len = sizeof a;
        int port = 0;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
            port = ntohs(a.sin_port);
        ::close(fd);
        return port;
    }
    static void writeFile(const std::string& path, const std::string& text, bool toNobody) {
        QFile f(QString::fromStdString(path));
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(QByteArray::fromStdString(text + "\n"));
        f.close();
        ::chmod(path.c_str(), 0600);
        if (toNobody) {
            const passwd* nobody = ::getpwnam("nobody");
            if (nobody && ::chown(path.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) std::perror("chown");
        }
    }
    bool run(QStringList args, std::string& out) const {
        QProcess p;
        QString program = args.takeFirst();
        if (asNobody_) {
            args.prepend(program);
            args = QStringList{"-u", "nobody", "--"} + args;
            program = "runuser";
        }
        p.setWorkingDirectory(QString::fromStdString(dir_));
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            out = "timed out";
            return false;
        }
        out = p.readAll().toStdString();
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    std::string dir_, private_, skip_, adminPasswordFile_;
    bool durable_ = false, asNobody_ = false, started_ = false;
    int port_ = 0;
};

}  // namespace lw::test
