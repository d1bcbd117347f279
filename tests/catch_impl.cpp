// Catch2's implementation, compiled once for every C++ test executable (the main is catch_main.cpp, or a test's
// own where it needs a QGuiApplication for the whole run).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "CatchRun.h"

int lw::test::runCatch(int argc, char** argv) { return Catch::Session().run(argc, argv); }
