// PINs at rest: PBKDF2-HMAC-SHA256 against RFC 7914's test vectors, a fresh salt per PIN, right and wrong PINs.
#include "kiosk/PinHash.h"

#include <catch2/catch.hpp>

using namespace lw::kiosk;

TEST_CASE("PBKDF2-HMAC-SHA256 gives RFC 7914's test vectors") {
    CHECK(pbkdf2Sha256("passwd", "salt", 1, 64).toHex() ==
          "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    CHECK(pbkdf2Sha256("Password", "NaCl", 80000, 64).toHex() ==
          "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

TEST_CASE("each PIN gets its own salt; the stored hash is not the PIN and matches only the PIN") {
    PinHash a = hashPin("2580", 1000);
    PinHash b = hashPin("2580", 1000);
    CHECK(a.salt.size() == 16);
    CHECK(a.hash.size() == 32);
    CHECK(a.salt != b.salt);  // the same PIN twice: different salts, different hashes
    CHECK(a.hash != b.hash);
    CHECK_FALSE(a.hash.contains("2580"));
    CHECK(pinMatches("2580", a));
    CHECK(pinMatches("2580", b));
    CHECK_FALSE(pinMatches("2581", a));
    CHECK_FALSE(pinMatches("", a));
    CHECK_FALSE(pinMatches("25800", a));
}

TEST_CASE("a stored hash with an unknown algorithm or a damaged length matches nothing") {
    PinHash a = hashPin("7391", 1000);
    PinHash wrongAlgorithm = a;
    wrongAlgorithm.algorithm = "md5";
    CHECK_FALSE(pinMatches("7391", wrongAlgorithm));
    PinHash cut = a;
    cut.hash.chop(1);
    CHECK_FALSE(pinMatches("7391", cut));
    PinHash noIterations = a;
    noIterations.iterations = 0;
    CHECK_FALSE(pinMatches("7391", noIterations));
}

TEST_CASE("the shipped iteration count is PBKDF2 at OWASP's order of magnitude") {
    CHECK(kPinIterations >= 100'000);
    CHECK(hashPin("7391").iterations == kPinIterations);
}
