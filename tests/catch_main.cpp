// The one main shared by the C++ test executables that need nothing before their tests run.
#include "CatchRun.h"

int main(int argc, char** argv) { return lw::test::runCatch(argc, argv); }
