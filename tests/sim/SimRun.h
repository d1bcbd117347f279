// Running the lobbywatch-sim binary from tests, and small file helpers.
#pragma once

#include <string>

namespace simtest {

std::string binary();   // $LW_BIN_DIR/lobbywatch-sim
std::string tmp();      // $LW_TEST_TMP (a fresh directory per test), or "."
std::string slurp(const std::string& path);

struct Run {
    int exitCode = -1;
    std::string stderrText;
};
// Runs the simulator with `args` (a shell-quoted string); stdout goes to `stdoutPath` when given.
Run run(const std::string& args, const std::string& stdoutPath = "/dev/null");

}  // namespace simtest
