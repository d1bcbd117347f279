// The robots' signatures: SHA-256, HMAC-SHA256, base64 and URL encoding, and DingTalk's and Feishu's signing rules
// (plain C++: the core has no Qt and no crypto library).
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace lw::notify {

std::array<std::uint8_t, 32> sha256(const std::string& data);
std::array<std::uint8_t, 32> hmacSha256(const std::string& key, const std::string& message);
std::string base64(const std::string& bytes);
std::string base64(const std::array<std::uint8_t, 32>& digest);
// RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - _ . ~ ("+" -> %2B, "/" -> %2F, "=" -> %3D).
std::string urlEncode(const std::string& text);

// DingTalk "加签": HMAC-SHA256 keyed by the secret over "<timestamp ms>\n<secret>", base64, URL-encoded; the URL
// then ends in "&timestamp=<ms>&sign=<sign>".
std::string dingTalkSign(long long timestampMs, const std::string& secret);
std::string dingTalkUrl(const std::string& url, long long timestampMs, const std::string& secret);
// Feishu "签名校验": HMAC-SHA256 keyed by "<timestamp s>\n<secret>" over nothing, base64 (sent in the body).
std::string feishuSign(long long timestampS, const std::string& secret);

}  // namespace lw::notify
