# cmake -DSOURCE=<ctbpf> -DWORK=<dir> -DCXX=<compiler> [-DMODE=find_package|subdirectory|fetchcontent|pkgconfig]
#       -P test_find_package.cmake
# find_package (default): installs ctbpf into WORK/stage, then builds and runs tests/package
# against it. subdirectory / fetchcontent: builds tests/package/<mode> from the source tree.
# pkgconfig: installs, then compiles tests/package/consumer.cpp with `pkg-config --cflags ctbpf`.
file(REMOVE_RECURSE ${WORK})
if(MODE STREQUAL "subdirectory" OR MODE STREQUAL "fetchcontent")
  set(steps
    "${CMAKE_COMMAND}|-S|${SOURCE}/tests/package/${MODE}|-B|${WORK}/consumer|-DCTBPF_SOURCE=${SOURCE}|-DCMAKE_CXX_COMPILER=${CXX}|-DCMAKE_CXX_STANDARD=20"
    "${CMAKE_COMMAND}|--build|${WORK}/consumer"
    "${WORK}/consumer/consumer")
elseif(MODE STREQUAL "pkgconfig")
  set(steps
    "${CMAKE_COMMAND}|-S|${SOURCE}|-B|${WORK}/ctbpf|-DCTBPF_BUILD_TESTS=OFF|-DCTBPF_BUILD_EXAMPLES=OFF|-DCTBPF_BUILD_BENCH=OFF|-DCTBPF_BUILD_TOOLS=OFF|-DCMAKE_INSTALL_PREFIX=${WORK}/stage"
    "${CMAKE_COMMAND}|--install|${WORK}/ctbpf"
    "sh|-c|${CXX} $(PKG_CONFIG_PATH=${WORK}/stage/share/pkgconfig pkg-config --cflags ctbpf) ${SOURCE}/tests/package/consumer.cpp -o ${WORK}/consumer && ${WORK}/consumer")
else()
  set(steps
    "${CMAKE_COMMAND}|-S|${SOURCE}|-B|${WORK}/ctbpf|-DCTBPF_BUILD_TESTS=OFF|-DCTBPF_BUILD_EXAMPLES=OFF|-DCTBPF_BUILD_BENCH=OFF|-DCTBPF_BUILD_TOOLS=OFF|-DCMAKE_INSTALL_PREFIX=${WORK}/stage"
    "${CMAKE_COMMAND}|--install|${WORK}/ctbpf"
    "${CMAKE_COMMAND}|-S|${SOURCE}/tests/package|-B|${WORK}/consumer|-DCMAKE_PREFIX_PATH=${WORK}/stage|-DCMAKE_CXX_COMPILER=${CXX}|-DCMAKE_CXX_STANDARD=20"
    "${CMAKE_COMMAND}|--build|${WORK}/consumer"
    "${WORK}/consumer/consumer")
endif()
foreach(step IN LISTS steps)
  string(REPLACE "|" ";" step "${step}")
  execute_process(COMMAND ${step} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed: ${step}\n${out}\n${err}")
  endif()
endforeach()
message(STATUS "${MODE}: consumer built and ran")
