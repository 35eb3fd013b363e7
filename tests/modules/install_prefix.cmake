# Fixture of the module tests: installs the build into a fresh private prefix, whose luna.pc and
# headers the source-mode module builds use.  cmake -DBUILD_DIR=... -DPREFIX=... -P this file
file(REMOVE_RECURSE "${PREFIX}")
unset(ENV{DESTDIR})
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
  RESULT_VARIABLE status OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install ${BUILD_DIR} --prefix ${PREFIX} failed (${status}):\n${errors}")
endif()
