// Runs the test cases linked in (Catch2's session lives with its implementation, in lw_catch_impl): for a test's
// own main.
#pragma once

namespace lw::test {
int runCatch(int argc, char** argv);
}
