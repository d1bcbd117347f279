// JSON text the core writes by hand (reports, the chat robots' bodies): a string as a JSON string literal.
#pragma once

#include <string>

namespace lw::config {

// Quotes included; UTF-8 passed through; ", \ and the control characters escaped (\n, \r, \t by name, the others
// as \u00XX).
std::string jsonString(const std::string& text);

}  // namespace lw::config
