// PINs at rest: PBKDF2-HMAC-SHA256 with a random 16-byte salt per PIN; never the PIN itself.
#pragma once

#include <QByteArray>

#include <string>

namespace lw::kiosk {

struct PinHash {
    std::string algorithm = "pbkdf2-sha256";
    int iterations = 0;
    QByteArray salt;  // 16 random bytes from the system's generator
    QByteArray hash;  // 32 bytes
};

// About 0.1-0.3 s per check on a kiosk PC: nothing for a sign-in, slow for guessing a stolen file's 10^4..10^8 PINs.
constexpr int kPinIterations = 200'000;

PinHash hashPin(const std::string& pin, int iterations = kPinIterations);
// Hashes `pin` with the stored salt and iterations and compares in constant time. False for an unknown algorithm.
bool pinMatches(const std::string& pin, const PinHash& stored);
QByteArray pbkdf2Sha256(const QByteArray& secret, const QByteArray& salt, int iterations, int bytes);

}  // namespace lw::kiosk
