// Salted PBKDF2 for PINs (Qt's QPasswordDigestor), with a constant-time comparison.
#include "kiosk/PinHash.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace lw::kiosk {

QByteArray pbkdf2Sha256(const QByteArray& secret, const QByteArray& salt, int iterations, int bytes) {
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, secret, salt, iterations,
                                              static_cast<quint64>(bytes));
}

PinHash hashPin(const std::string& pin, int iterations) {
    PinHash h;
    h.iterations = iterations;
    h.salt.resize(16);
    QRandomGenerator::system()->generate(h.salt.begin(), h.salt.end());
    h.hash = pbkdf2Sha256(QByteArray::fromStdString(pin), h.salt, iterations, 32);
    return h;
}

bool pinMatches(const std::string& pin, const PinHash& stored) {
    if (stored.algorithm != "pbkdf2-sha256" || stored.iterations < 1 || stored.hash.size() != 32) return false;
    QByteArray h = pbkdf2Sha256(QByteArray::fromStdString(pin), stored.salt, stored.iterations, 32);
    unsigned char diff = 0;
    for (int i = 0; i < 32; ++i) diff |= static_cast<unsigned char>(h[i] ^ stored.hash[i]);
    return diff == 0;
}

}  // namespace lw::kiosk
