// The page for a phone or tablet on the branch network: a small HTTP server (Qt HTTP Server 6.4) that serves the
// page (HTML, CSS and script from the resources, nothing from outside) and a JSON API: the situations on the
// kiosk's panel, sign-in with a staff member's PIN (checked and counted by the kiosk's own keypad: the same
// lockout), acknowledge and resolve. The rules stay where they are (auth, the alert board); this moves requests
// to them through the hooks and their answers back. Plain HTTP on the branch network: see README "The phone page".
#pragma once

#include "auth/Access.h"
#include "phone/PhoneConfig.h"
#include "phone/server/ConnectionGuard.h"
#include "phone/PhoneSessions.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lw::phone {

// A card of the kiosk's alert panel, as the page shows it (the kiosk's own words, both languages).
struct PhoneCard {
    QString key;
    QString severity;          // info | warning | alarm
    int level = 0;
    int count = 1;             // alerts the card stands for
    bool actionable = false;   // acknowledge and resolve apply
    QString acknowledgedBy;    // empty: nobody yet
    QString acknowledgedText;  // HH:MM
    QString sinceText;         // HH:MM
    int timeLeftMin = -1;
    QString messageZh, messageEn, actionZh, actionEn;
};

// A PIN typed on a phone, as the kiosk's keypad answered it.
struct SignInAnswer {
    bool right = false;               // the PIN was right for that name (signed in on the phone)
    auth::Role role = auth::Role::Manager;
    bool locked = false;              // the keypad is locked (now or already): nothing was checked
    int triesLeft = 0;                // after a wrong PIN
    int lockedForMin = 0;             // while locked: about how long still
};

// What acknowledge or resolve did on the kiosk's board.
enum class ActAnswer { Done, Unchanged };

struct PhoneHooks {
    std::function<std::vector<std::string>()> staff;  // names that may sign in
    std::function<SignInAnswer(const std::string& name, const std::string& pin, const std::string& where)> signIn;
    std::function<void(const std::string& who, const std::string& where)> signedOut;
    std::function<ActAnswer(const std::string& key, const std::string& who, const std::string& where)> acknowledge;
    std::function<ActAnswer(const std::string& key, const std::string& who, const std::string& note, const std::string& where)> resolve;
    std::function<int()> lockedForMin;  // >0: the keypad is locked for about that long
    std::function<QString()> language;  // the kiosk's: "zh_CN" or "en"
    std::function<QString()> kioskTime;  // the kiosk's clock now, "HH:MM:SS" in the branch's time (not the phone's)
    std::function<std::vector<std::pair<QString, QString>>()> presets;  // resolve notes to tap: {zh, en}
};

class PhoneServer : public QAbstractHttpServer {
    Q_OBJECT

public:
    static constexpr qint64 kMaxBodyBytes = 4096;
    static constexpr int kTriesPerMinute = 10;  // sign-in tries per phone address per minute

    PhoneServer(PhoneConfig config, PhoneHooks hooks, QObject* parent = nullptr);
    // How many connections, for how long (before start(); the defaults otherwise).
    void setConnectionLimits(const ConnectionLimits& limits) { limits_ = limits; }
    // Listens on the configured address and port; false (with why()) when it cannot.
    bool start();
    int openConnections() const;
    QString why() const { return why_; }
    quint16 port() const { return port_; }
    QString url() const;
    // The cards on the kiosk's panel now (what the page shows), after each of the kiosk's refreshes.
    void setCards(std::vector<PhoneCard> cards) { cards_ = std::move(cards); }

    // What a card's state is, as the page saw it: acknowledge and resolve are refused when it has changed since.
    static QString versionOf(const PhoneCard& card);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    struct Reply {
        int status = 200;
        QByteArray body;
        QByteArray type = "application/json; charset=utf-8";
        std::vector<std::pair<QByteArray, QByteArray>> headers;
    };
    Reply route(const QHttpServerRequest& request);
    Reply staticFile(const QString& resource, const QByteArray& type) const;
    Reply state(const QHttpServerRequest& request, const std::optional<PhoneSession>& session) const;
    Reply signIn(const QHttpServerRequest& request, const QJsonObject& body);
    Reply signOut(const QHttpServerRequest& request, const std::optional<PhoneSession>& session);
    Reply act(const QHttpServerRequest& request, const QJsonObject& body, const std::optional<PhoneSession>& session,
              bool resolve);
    static Reply json(int status, const QJsonObject& object);
    static Reply refuse(int status, const QString& code, const QString& zh, const QString& en);
    void send(const QHttpServerRequest& request, QTcpSocket* socket, const Reply& reply) const;
    std::string sessionKey(const QHttpServerRequest& request) const;
    bool hostAllowed(const QHttpServerRequest& request) const;
    bool sameOrigin(const QHttpServerRequest& request) const;
    std::string where(const QHttpServerRequest& request) const;
    TimeMs now() const { return uptime_.elapsed(); }

    PhoneConfig config_;
    PhoneHooks hooks_;
    PhoneSessions sessions_;
    AttemptLimiter tries_;
    std::vector<PhoneCard> cards_;
    QElapsedTimer uptime_;
    QString why_;
    quint16 port_ = 0;
    ConnectionLimits limits_;
    GuardedTcpServer* tcp_ = nullptr;
};

}  // namespace lw::phone
