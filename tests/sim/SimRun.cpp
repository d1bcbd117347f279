// Running the lobbywatch-sim binary from tests.
#include "SimRun.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace simtest {

std::string binary() {
    const char* dir = std::getenv("LW_BIN_DIR");
    return std::string(dir ? dir : "bin") + "/lobbywatch-sim";
}

std::string tmp() {
    const char* dir = std::getenv("LW_TEST_TMP");
    return dir ? dir : "/tmp";
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Run run(const std::string& args, const std::string& stdoutPath) {
    const std::string err = tmp() + "/sim-stderr.txt";
    const std::string command = "'" + binary() + "' " + args + " >'" + stdoutPath + "' 2>'" + err + "'";
    const int status = std::system(command.c_str());
    Run r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.stderrText = slurp(err);
    return r;
}

}  // namespace simtest
