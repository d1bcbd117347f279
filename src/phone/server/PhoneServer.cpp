// The phone page's HTTP server: routes, sessions, the checks every request passes (host, origin, body size,
// content type), and the answers in JSON.
#include "phone/server/PhoneServer.h"

#include "phone/server/ConnectionGuard.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <algorithm>

namespace lw::phone {

namespace {

constexpr TimeMs kMinute = 60'000;
const char* const kCookie = "lw_session";

QByteArray headerOf(const QHttpServerRequest& request, const QByteArray& name) {
    for (const auto& [key, value] : request.headers())
        if (key.compare(name, Qt::CaseInsensitive) == 0) return value.trimmed();
    return {};
}

QString shortAddress(const QHostAddress& address) {
    bool v4 = false;
    const quint32 ip4 = address.toIPv4Address(&v4);
    return v4 ? QHostAddress(ip4).toString() : address.toString();
}

QJsonObject cardJson(const PhoneCard& c) {
    return {{"key", c.key},
            {"version", PhoneServer::versionOf(c)},
            {"severity", c.severity},
            {"level", c.level},
            {"count", c.count},
            {"actionable", c.actionable},
            {"acknowledgedBy", c.acknowledgedBy},
            {"acknowledgedAt", c.acknowledgedText},
            {"since", c.sinceText},
            {"timeLeftMin", c.timeLeftMin},
            {"messageZh", c.messageZh},
            {"messageEn", c.messageEn},
            {"actionZh", c.actionZh},
            {"actionEn", c.actionEn}};
}

}  // namespace

PhoneServer::PhoneServer(PhoneConfig config, PhoneHooks hooks, QObject* parent)
    : QAbstractHttpServer(parent),
      config_(std::move(config)),
      hooks_(std::move(hooks)),
      sessions_(config_.sessionIdleMin * kMinute, config_.sessionMaxHours * 60 * kMinute),
      tries_(kTriesPerMinute, kMinute) {
    uptime_.start();
}

bool PhoneServer::start() {
    // Each connection's head, body size, time and count are judged as its bytes arrive (ConnectionGuard.h).
    limits_.maxBodyBytes = kMaxBodyBytes;
    auto* tcp = new GuardedTcpServer(limits_, this);
    const QHostAddress address(QString::fromStdString(config_.address));
    if (address.isNull() || !tcp->listen(address, static_cast<quint16>(config_.port))) {
        why_ = QStringLiteral("cannot listen on %1 port %2: %3")
                   .arg(QString::fromStdString(config_.address))
                   .arg(config_.port)
                   .arg(address.isNull() ? QStringLiteral("not an address") : tcp->errorString());
        delete tcp;
        return false;
    }
    port_ = tcp->serverPort();
    tcp_ = tcp;
    bind(tcp);
    return true;
}

int PhoneServer::openConnections() const { return tcp_ ? tcp_->open() : 0; }

QString PhoneServer::url() const {
    const QHostAddress a(QString::fromStdString(config_.address));
    const QString host = a.protocol() == QAbstractSocket::IPv6Protocol ? "[" + a.toString() + "]" : a.toString();
    return QStringLiteral("http://%1:%2/").arg(host).arg(port_);
}

QString PhoneServer::versionOf(const PhoneCard& c) {
    const QByteArray seen = (c.severity + "|" + QString::number(c.count) + "|" + c.acknowledgedBy + "|" +
                             (c.actionable ? "1" : "0")).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(seen, QCryptographicHash::Sha256).toHex().left(16));
}

void PhoneServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) {
    send(request, socket, refuse(404, "not_found", QStringLiteral("没有这个页面"), QStringLiteral("No such page")));
}

bool PhoneServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) {
    send(request, socket, route(request));
    return true;
}

void PhoneServer::send(const QHttpServerRequest& request, QTcpSocket* socket, const Reply& reply) const {
    QHttpServerResponder r = makeResponder(request, socket);
    r.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    r.writeHeader("Content-Type", reply.type);
    r.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    // Nothing from elsewhere: the page's script and style are its own files; no frames, no referrer, no caching.
    r.writeHeader("Content-Security-Policy",
                  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
                  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    r.writeHeader("X-Content-Type-Options", "nosniff");
    r.writeHeader("X-Frame-Options", "DENY");
    r.writeHeader("Referrer-Policy", "no-referrer");
    r.writeHeader("Cache-Control", "no-store");
    for (const auto& [k, v] : reply.headers) r.writeHeader(k, v);
    r.writeBody(reply.body);
}

PhoneServer::Reply PhoneServer::json(int status, const QJsonObject& object) {
    Reply r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

PhoneServer::Reply PhoneServer::refuse(int status, const QString& code, const QString& zh, const QString& en) {
    return json(status, {{"error", code}, {"zh", zh}, {"en", en}});
}

PhoneServer::Reply PhoneServer::staticFile(const QString& resource, const QByteArray& type) const {
    QFile f(resource);
    if (!f.open(QIODevice::ReadOnly)) return refuse(404, "not_found", QStringLiteral("没有这个页面"), QStringLiteral("No such page"));
    Reply r;
    r.body = f.readAll();
    r.type = type;
    return r;
}

std::string PhoneServer::where(const QHttpServerRequest& request) const {
    return "phone " + shortAddress(request.remoteAddress()).toStdString();
}

std::string PhoneServer::sessionKey(const QHttpServerRequest& request) const {
    // Cookie: a=b; lw_session=TOKEN
    for (const QByteArray& part : headerOf(request, "cookie").split(';')) {
        const QByteArray p = part.trimmed();
        if (!p.startsWith(QByteArray(kCookie) + "=")) continue;
        const QByteArray token = p.mid(static_cast<int>(qstrlen(kCookie)) + 1);
        if (token.size() != 64) return {};
        // Sessions are kept under the token's digest: the table holds nothing a phone could present.
        return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex().toStdString();
    }
    return {};
}

bool PhoneServer::hostAllowed(const QHttpServerRequest& request) const {
    // The Host a phone used must be the kiosk's address (a name pointing at the kiosk from another site, DNS
    // rebinding, is refused). Bound to every address, any numeric address will do.
    const QByteArray host = headerOf(request, "host");
    const QUrl u(QStringLiteral("http://") + QString::fromLatin1(host) + "/");
    if (host.isEmpty() || !u.isValid() || u.port(80) != port_) return false;
    const QHostAddress asked(u.host());
    if (asked.isNull()) return false;
    if (config_.allowAnyAddress && QHostAddress(QString::fromStdString(config_.address)).isEqual(QHostAddress::AnyIPv4, QHostAddress::TolerantConversion))
        return true;
    if (config_.allowAnyAddress && QHostAddress(QString::fromStdString(config_.address)).isEqual(QHostAddress::AnyIPv6, QHostAddress::TolerantConversion))
        return true;
    return asked.isEqual(QHostAddress(QString::fromStdString(config_.address)), QHostAddress::TolerantConversion);
}

bool PhoneServer::sameOrigin(const QHttpServerRequest& request) const {
    // A change (POST) must come from the page itself: its Origin is this server (a page elsewhere cannot forge
    // it), and its body is JSON (a form from elsewhere cannot send that without asking first, which is refused).
    const QByteArray origin = headerOf(request, "origin");
    const QByteArray host = headerOf(request, "host");
    const QByteArray type = headerOf(request, "content-type").toLower();
    return !origin.isEmpty() && origin == "http://" + host && type.startsWith("application/json");
}

PhoneServer::Reply PhoneServer::route(const QHttpServerRequest& request) {
    const QString path = request.url().path();
    const bool get = request.method() == QHttpServerRequest::Method::Get;
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    if (!hostAllowed(request))
        return refuse(421, "wrong_host", QStringLiteral("请用信息屏上显示的地址打开本页"),
                      QStringLiteral("Open the page at the address the kiosk shows"));
    sessions_.expire(now());
    const std::string key = sessionKey(request);
    std::optional<PhoneSession> session = key.empty() ? std::nullopt : sessions_.use(key, now());
    if (session && hooks_.staff) {  // removed from the staff (lobbywatch staff remove): signed out at once
        const std::vector<std::string> names = hooks_.staff();
        if (std::find(names.begin(), names.end(), session->name) == names.end()) {
            sessions_.close(key);
            session.reset();
        }
    }

    if (path == QLatin1String("/") || path == QLatin1String("/index.html")) {
        if (!get) return refuse(405, "method", "GET", "GET");
        return staticFile(QStringLiteral(":/phone/index.html"), "text/html; charset=utf-8");
    }
    if (path == QLatin1String("/app.js")) {
        if (!get) return refuse(405, "method", "GET", "GET");
        return staticFile(QStringLiteral(":/phone/app.js"), "text/javascript; charset=utf-8");
    }
    if (path == QLatin1String("/app.css")) {
        if (!get) return refuse(405, "method", "GET", "GET");
        return staticFile(QStringLiteral(":/phone/app.css"), "text/css; charset=utf-8");
    }
    if (path == QLatin1String("/api/state")) {
        if (!get) return refuse(405, "method", "GET", "GET");
        return state(request, session);
    }
    static const QStringList posts{"/api/signin", "/api/signout", "/api/acknowledge", "/api/resolve"};
    if (!posts.contains(path)) return refuse(404, "not_found", QStringLiteral("没有这个页面"), QStringLiteral("No such page"));
    if (!post) return refuse(405, "method", "POST", "POST");
    if (request.body().size() > kMaxBodyBytes)
        return refuse(413, "too_large", QStringLiteral("请求过大"), QStringLiteral("Request too large"));
    if (!sameOrigin(request))
        return refuse(403, "origin", QStringLiteral("请从本页操作"), QStringLiteral("Only the page itself may do this"));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return refuse(400, "bad_json", QStringLiteral("请求格式不对"), QStringLiteral("Malformed request"));
    const QJsonObject body = doc.object();
    if (path == QLatin1String("/api/signin")) return signIn(request, body);
    if (path == QLatin1String("/api/signout")) return signOut(request, session);
    return act(request, body, session, path == QLatin1String("/api/resolve"));
}

PhoneServer::Reply PhoneServer::state(const QHttpServerRequest& request, const std::optional<PhoneSession>& session) const {
    QJsonObject out;
    // The page's language: the phone's own (Accept-Language naming Chinese or English first), else the kiosk's.
    QString lang = hooks_.language ? hooks_.language() : QStringLiteral("zh_CN");
    for (const QByteArray& part : headerOf(request, "accept-language").split(',')) {
        const QByteArray tag = part.split(';').first().trimmed().toLower();
        if (tag.startsWith("zh")) { lang = QStringLiteral("zh_CN"); break; }
        if (tag.startsWith("en")) { lang = QStringLiteral("en"); break; }
    }
    out["lang"] = lang;
    out["kioskLang"] = hooks_.language ? hooks_.language() : QStringLiteral("zh_CN");
    const int locked = hooks_.lockedForMin ? hooks_.lockedForMin() : 0;
    out["lockedForMin"] = locked;
    out["signedIn"] = session.has_value();
    out["pollMs"] = 3000;
    if (!session) {
        QJsonArray staff;
        if (hooks_.staff)
            for (const auto& name : hooks_.staff()) staff.append(QString::fromStdString(name));
        out["staff"] = staff;
        return json(200, out);  // the situations only for someone signed in
    }
    out["who"] = QString::fromStdString(session->name);
    out["role"] = QString::fromLatin1(auth::toString(session->role));
    out["mayAcknowledge"] = auth::allowed(session->role, auth::Action::Acknowledge);
    out["mayResolve"] = auth::allowed(session->role, auth::Action::Resolve);
    // When the cards were read, by the kiosk's clock: a phone's own clock may be wrong, and a simulated day's differs.
    if (hooks_.kioskTime) out["kioskTime"] = hooks_.kioskTime();
    QJsonArray cards;
    for (const auto& c : cards_) cards.append(cardJson(c));
    out["cards"] = cards;
    QJsonArray presets;
    if (hooks_.presets)
        for (const auto& [zh, en] : hooks_.presets()) presets.append(QJsonObject{{"zh", zh}, {"en", en}});
    out["presets"] = presets;
    return json(200, out);
}

PhoneServer::Reply PhoneServer::signIn(const QHttpServerRequest& request, const QJsonObject& body) {
    const std::string from = where(request);
    if (!tries_.allow(shortAddress(request.remoteAddress()).toStdString(), now())) {
        Reply r = refuse(429, "too_many", QStringLiteral("尝试过于频繁，请稍后再试"), QStringLiteral("Too many tries: wait a minute"));
        r.headers.push_back({"Retry-After", QByteArray::number((tries_.retryAfterMs(shortAddress(request.remoteAddress()).toStdString(), now()) + 999) / 1000)});
        return r;
    }
    const QString name = body.value("name").toString().trimmed();
    const QString pin = body.value("pin").toString();
    if (name.isEmpty() || name.size() > 64 || pin.isEmpty() || pin.size() > 16)
        return refuse(400, "bad_sign_in", QStringLiteral("请选择姓名并输入 PIN"), QStringLiteral("Pick your name and type your PIN"));
    const SignInAnswer a = hooks_.signIn(name.toStdString(), pin.toStdString(), from);
    if (a.locked) {
        const int minutes = hooks_.lockedForMin ? std::max(1, hooks_.lockedForMin()) : 1;
        return json(423, {{"error", "locked"},
                          {"lockedForMin", minutes},
                          {"zh", QStringLiteral("PIN 连续输错，已锁定，约 %1 分钟后再试").arg(minutes)},
                          {"en", QStringLiteral("Too many wrong PINs: locked, try again in about %1 min").arg(minutes)}});
    }
    if (!a.right)
        return json(401, {{"error", "wrong_pin"},
                          {"triesLeft", a.triesLeft},
                          {"zh", QStringLiteral("PIN 错误，还可再试 %1 次").arg(a.triesLeft)},
                          {"en", QStringLiteral("Wrong PIN: %1 more tries").arg(a.triesLeft)}});
    QByteArray raw(32, '\0');
    QRandomGenerator::system()->generate(reinterpret_cast<quint32*>(raw.data()), reinterpret_cast<quint32*>(raw.data() + raw.size()));
    const QByteArray token = raw.toHex();
    sessions_.open(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex().toStdString(),
                   PhoneSession{name.toStdString(), a.role, from, now(), now()});
    Reply r = json(200, {{"ok", true}, {"who", name}, {"role", QString::fromLatin1(auth::toString(a.role))}});
    r.headers.push_back({"Set-Cookie", QByteArray(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                           QByteArray::number(config_.sessionMaxHours * 3600)});
    return r;
}

PhoneServer::Reply PhoneServer::signOut(const QHttpServerRequest& request, const std::optional<PhoneSession>& session) {
    if (session) {
        sessions_.close(sessionKey(request));
        if (hooks_.signedOut) hooks_.signedOut(session->name, where(request));
    }
    Reply r = json(200, {{"ok", true}});
    r.headers.push_back({"Set-Cookie", QByteArray(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"});
    return r;
}

PhoneServer::Reply PhoneServer::act(const QHttpServerRequest& request, const QJsonObject& body,
                                    const std::optional<PhoneSession>& session, bool resolve) {
    if (!session) return refuse(401, "sign_in", QStringLiteral("请先登录"), QStringLiteral("Sign in first"));
    if (!auth::allowed(session->role, resolve ? auth::Action::Resolve : auth::Action::Acknowledge))
        return refuse(403, "role", QStringLiteral("您的角色不能处理告警"), QStringLiteral("Your role may not do this"));
    const QString key = body.value("key").toString();
    const QString version = body.value("version").toString();
    const QString note = body.value("note").toString().trimmed().left(200);
    auto it = std::find_if(cards_.begin(), cards_.end(), [&](const PhoneCard& c) { return c.key == key; });
    if (key.isEmpty() || it == cards_.end())
        return refuse(409, "closed", QStringLiteral("该告警已结束或已处理"), QStringLiteral("This alert has ended or was handled"));
    if (!it->actionable)
        return refuse(409, "not_actionable", QStringLiteral("此卡片无需确认"), QStringLiteral("This card is not acknowledged or resolved"));
    if (versionOf(*it) != version)
        return refuse(409, "changed", QStringLiteral("告警已变化，请看最新情况后再操作"),
                      QStringLiteral("The alert changed: look at it again first"));
    if (resolve && note.isEmpty())
        return refuse(400, "note", QStringLiteral("请写明采取了什么措施"), QStringLiteral("Say what was done"));
    const ActAnswer a = resolve ? hooks_.resolve(key.toStdString(), session->name, note.toStdString(), where(request))
                                : hooks_.acknowledge(key.toStdString(), session->name, where(request));
    if (a != ActAnswer::Done)
        return refuse(409, "unchanged", QStringLiteral("已由他人处理"), QStringLiteral("Someone else handled it already"));
    return json(200, {{"ok", true}});
}

}  // namespace lw::phone
