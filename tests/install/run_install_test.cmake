# Driver of the install tests (see CMakeLists.txt here): cmake -D... -DSTEP=<step> -P this file.
# Each step fails with a message saying what differs; the outputs compared are written by the
# example module and the consumer host, against expectations that follow from the Lua 5.4 manual.
cmake_minimum_required(VERSION 3.25)

function(fail)
  string(JOIN "" message ${ARGN})
  message(FATAL_ERROR "install/${STEP}: ${message}")
endfunction()

# run(<output-var> <command...>): runs a command, fails unless it exits 0; stdout in <output-var>.
function(run output_var)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    string(JOIN " " shown ${ARGN})
    fail("command failed (${status}): ${shown}\n--- stdout:\n${out}\n--- stderr:\n${err}")
  endif()
  set(${output_var} "${out}" PARENT_SCOPE)
endfunction()

function(expect_equal what actual expected)
  if(NOT actual STREQUAL expected)
    fail("${what}:\n--- expected:\n${expected}\n--- actual:\n${actual}")
  endif()
endfunction()

if(NOT STEP STREQUAL "doc_example")
  cmake_path(ABSOLUTE_PATH LIBDIR BASE_DIRECTORY "${PREFIX}" OUTPUT_VARIABLE prefix_libdir)
  cmake_path(ABSOLUTE_PATH INCLUDEDIR BASE_DIRECTORY "${PREFIX}" OUTPUT_VARIABLE prefix_includedir)
  cmake_path(ABSOLUTE_PATH BINDIR BASE_DIRECTORY "${PREFIX}" OUTPUT_VARIABLE prefix_bindir)
  set(luna "${prefix_bindir}/luna")
endif()

# What `require "example"` must print (example_module.c); the error is luaL_argcheck's message,
# with the function named after its field in package.loaded.
set(module_script [[
local example = require "example"
print(example.version, example.sum(1, 2, 3.5), example.sum())
print(example.greet("luna", 2))
print(pcall(example.greet, "luna", 0))
print(package.loaded.example == example)
]])
set(module_expected "1.0\t6.5\t0.0\nhello, luna! hello, luna!\nfalse\tbad argument #2 to 'example.greet' (must be positive)\ntrue\n")

# run_module(<dir>): requires the module built in <dir> from the installed luna.
function(run_module dir)
  set(ENV{LUA_CPATH} "${dir}/?.so")
  set(ENV{LUA_PATH} "${dir}/?.lua")
  unset(ENV{LUA_CPATH_5_4})
  unset(ENV{LUA_PATH_5_4})
  unset(ENV{LUA_INIT})
  unset(ENV{LUA_INIT_5_4})
  run(output "${luna}" -e "${module_script}")
  expect_equal("output of require \"example\" (module in ${dir})" "${output}" "${module_expected}")
endfunction()

# The module must leave lua_*/luaL_* to the host: no DT_NEEDED entry for libluna.
function(check_no_libluna_dependency module)
  run(dynamic "${READELF}" -d "${module}")
  if(dynamic MATCHES "NEEDED[^\n]*libluna")
    fail("${module} links libluna; a C module must resolve the API from the host:\n${dynamic}")
  endif()
endfunction()

if(STEP STREQUAL "prefix")
  file(REMOVE_RECURSE "${PREFIX}")
  unset(ENV{DESTDIR})
  run(ignored "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}")
  foreach(file "${luna}" "${prefix_bindir}/lunac")
    if(NOT EXISTS "${file}" OR IS_DIRECTORY "${file}")
      fail("not installed: ${file}")
    endif()
  endforeach()
  set(real "${prefix_libdir}/libluna.so.${VERSION}")
  if(NOT EXISTS "${real}" OR IS_SYMLINK "${real}")
    fail("not installed as a regular file: ${real}")
  endif()
  foreach(link_and_target "libluna.so.0=libluna.so.${VERSION}" "libluna.so=libluna.so.0")
    string(REPLACE "=" ";" pair "${link_and_target}")
    list(GET pair 0 link)
    list(GET pair 1 target)
    if(NOT IS_SYMLINK "${prefix_libdir}/${link}")
      fail("not a symbolic link: ${prefix_libdir}/${link}")
    endif()
    file(READ_SYMLINK "${prefix_libdir}/${link}" actual_target)
    expect_equal("target of ${link}" "${actual_target}" "${target}")
  endforeach()
  run(dynamic "${READELF}" -d "${real}")
  if(NOT dynamic MATCHES "SONAME[^\n]*\\[libluna\\.so\\.0\\]")
    fail("SONAME of ${real} is not libluna.so.0:\n${dynamic}")
  endif()
  file(GLOB headers RELATIVE "${SOURCE_DIR}/engine/include" "${SOURCE_DIR}/engine/include/*.h"
    "${SOURCE_DIR}/engine/include/*.hpp")
  foreach(header lua.h luaconf.h lauxlib.h lualib.h lua.hpp ${headers})
    if(NOT EXISTS "${prefix_includedir}/luna/${header}")
      fail("header not installed: ${prefix_includedir}/luna/${header}")
    endif()
    file(READ "${prefix_includedir}/luna/${header}" installed)
    file(READ "${SOURCE_DIR}/engine/include/${header}" original)
    expect_equal("installed ${header}" "${installed}" "${original}")
  endforeach()
  foreach(file libluna.a pkgconfig/luna.pc cmake/Luna/LunaConfig.cmake
      cmake/Luna/LunaConfigVersion.cmake cmake/Luna/LunaTargets.cmake)
    if(NOT EXISTS "${prefix_libdir}/${file}")
      fail("not installed: ${prefix_libdir}/${file}")
    endif()
  endforeach()

elseif(STEP STREQUAL "pkg_config_module")
  # Only the prefix's luna.pc may be found, never one installed on the machine.
  set(ENV{PKG_CONFIG_LIBDIR} "${prefix_libdir}/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "${prefix_libdir}/pkgconfig")
  run(version "${PKG_CONFIG}" --modversion luna)
  expect_equal("pkg-config --modversion luna" "${version}" "${VERSION}\n")
  run(cflags "${PKG_CONFIG}" --cflags luna)
  string(STRIP "${cflags}" cflags)
  expect_equal("pkg-config --cflags luna" "${cflags}" "-I${prefix_includedir}/luna")
  run(libs "${PKG_CONFIG}" --libs luna)
  string(STRIP "${libs}" libs)
  expect_equal("pkg-config --libs luna" "${libs}" "-L${prefix_libdir} -lluna")
  run(static_libs "${PKG_CONFIG}" --static --libs luna)
  string(STRIP "${static_libs}" static_libs)
  expect_equal("pkg-config --static --libs luna" "${static_libs}" "-L${prefix_libdir} -lluna -ldl -lm -lstdc++")

  set(dir "${WORK}/pkg-config")
  file(REMOVE_RECURSE "${dir}")
  file(MAKE_DIRECTORY "${dir}")
  # As documented: cc -shared -fPIC $(pkg-config --cflags luna) -o example.so example.c
  separate_arguments(cflags_list UNIX_COMMAND "${cflags}")
  run(ignored "${C_COMPILER}" -std=c99 -pedantic -Wall -Wextra -Werror -shared -fPIC ${cflags_list}
    -o "${dir}/example.so" "${TEST_DIR}/example_module.c")
  check_no_libluna_dependency("${dir}/example.so")
  run_module("${dir}")

elseif(STEP STREQUAL "cmake_consumer")
  set(dir "${WORK}/cmake-consumer")
  file(REMOVE_RECURSE "${dir}")
  set(flags "")
  if(SANITIZE)
    # libluna of this build is instrumented: the hosts must link the sanitizer runtimes first.
    set(flags "-fsanitize=address,undefined")
  endif()
  # Luna_DIR and the registries are left alone: CMAKE_PREFIX_PATH must be enough to find Luna.
  run(ignored "${CMAKE_COMMAND}" -S "${TEST_DIR}/consumer" -B "${dir}" -G "${GENERATOR}"
    -DCMAKE_BUILD_TYPE=Release
    "-DCMAKE_C_COMPILER=${C_COMPILER}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_PREFIX_PATH=${PREFIX}"
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF
    "-DCMAKE_EXE_LINKER_FLAGS=${flags}"
    "-DEXPECTED_LUNA_DIR=${prefix_libdir}/cmake/Luna"
    "-DEXPECTED_INCLUDE_DIR=${prefix_includedir}/luna"
    "-DEXPECTED_VERSION=${VERSION}")
  run(ignored "${CMAKE_COMMAND}" --build "${dir}")
  check_no_libluna_dependency("${dir}/example.so")
  run_module("${dir}")
  # The hosts find libluna.so through the build RPATH CMake gives them (the prefix's libdir).
  unset(ENV{LD_LIBRARY_PATH})
  file(READ "${TEST_DIR}/consumer/expected_host_output.txt" host_expected)
  foreach(host embed_host embed_host_static)
    run(output "${dir}/${host}")
    expect_equal("output of ${host}" "${output}" "${host_expected}")
  endforeach()
  run(dynamic "${READELF}" -d "${dir}/embed_host")
  if(NOT dynamic MATCHES "NEEDED[^\n]*\\[libluna\\.so\\.0\\]")
    fail("embed_host does not load libluna.so.0:\n${dynamic}")
  endif()
  run(dynamic "${READELF}" -d "${dir}/embed_host_static")
  if(dynamic MATCHES "NEEDED[^\n]*libluna")
    fail("embed_host_static should not load libluna.so:\n${dynamic}")
  endif()

elseif(STEP STREQUAL "doc_example")
  file(READ "${SOURCE_DIR}/docs/c-modules.md" doc)
  file(READ "${TEST_DIR}/example_module.c" source)
  string(REGEX MATCHALL "\n```c\n" openings "${doc}")
  list(LENGTH openings count)
  if(NOT count EQUAL 1)
    fail("docs/c-modules.md must have exactly one ```c block (the example module), found ${count}")
  endif()
  string(FIND "${doc}" "\n```c\n" start)
  math(EXPR start "${start} + 6")
  string(SUBSTRING "${doc}" ${start} -1 rest)
  string(FIND "${rest}" "\n```\n" end)
  if(end LESS 0)
    fail("the ```c block of docs/c-modules.md is not closed")
  endif()
  math(EXPR end "${end} + 1")
  string(SUBSTRING "${rest}" 0 ${end} block)
  expect_equal("the ```c block of docs/c-modules.md versus tests/install/example_module.c" "${block}" "${source}")

else()
  fail("unknown STEP '${STEP}'")
endif()
