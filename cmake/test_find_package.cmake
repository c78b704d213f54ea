# cmake -DSOURCE=<ctbpf> -DWORK=<dir> -DCXX=<compiler> -P test_find_package.cmake
# Installs ctbpf into WORK/stage, then configures, builds and runs tests/package against it.
file(REMOVE_RECURSE ${WORK})
foreach(step
    "${CMAKE_COMMAND};-S;${SOURCE};-B;${WORK}/ctbpf;-DCTBPF_BUILD_TESTS=OFF;-DCTBPF_BUILD_EXAMPLES=OFF;-DCTBPF_BUILD_BENCH=OFF;-DCTBPF_BUILD_TOOLS=OFF;-DCMAKE_INSTALL_PREFIX=${WORK}/stage"
    "${CMAKE_COMMAND};--install;${WORK}/ctbpf"
    "${CMAKE_COMMAND};-S;${SOURCE}/tests/package;-B;${WORK}/consumer;-DCMAKE_PREFIX_PATH=${WORK}/stage;-DCMAKE_CXX_COMPILER=${CXX};-DCMAKE_CXX_STANDARD=20"
    "${CMAKE_COMMAND};--build;${WORK}/consumer"
    "${WORK}/consumer/consumer")
  execute_process(COMMAND ${step} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed: ${step}\n${out}\n${err}")
  endif()
endforeach()
message(STATUS "installed ctbpf found by find_package, consumer built and ran")
