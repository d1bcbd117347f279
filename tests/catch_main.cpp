// The one Catch2 main shared by the C++ test executables that need nothing before their tests run.
#include <catch2/catch.hpp>

int main(int argc, char** argv) { return Catch::Session().run(argc, argv); }
