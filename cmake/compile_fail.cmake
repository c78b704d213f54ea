# cmake -DCXX=<compiler> -DFLAGS=<flag|...> -DINCLUDES=<dir|...> -DSOURCE=<file> [-DDEFINES=<d|...>]
#       -DEXPECT=<regex> [-DFIRST=ON] [-DMAX_BYTES=<n>] -P compile_fail.cmake
# A compile-fail test: compiling SOURCE with CTBPF_COMPILE_FAIL (and DEFINES) must fail, and the
# compiler's output must match EXPECT; with FIRST, the first line that says `error:` must match
# it (the error's name first, as errors.hpp promises for template-argument forms); with
# MAX_BYTES, the whole output must be at most that long, counted without directories (paths
# differ from machine to machine; file names stay).
foreach(list FLAGS INCLUDES DEFINES)
  string(REPLACE "|" ";" ${list} "${${list}}")
endforeach()
set(args ${FLAGS} -std=c++20 -fsyntax-only -fno-color-diagnostics -DCTBPF_COMPILE_FAIL)
if(CXX MATCHES "g\\+\\+")
  list(REMOVE_ITEM args -fno-color-diagnostics)
  list(APPEND args -fdiagnostics-color=never)
endif()
foreach(dir IN LISTS INCLUDES)
  list(APPEND args -I${dir})
endforeach()
foreach(define IN LISTS DEFINES)
  list(APPEND args -D${define})
endforeach()
execute_process(COMMAND ${CXX} ${args} ${SOURCE} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(APPEND out "${err}")
# Plain string operations where the output is long (a 4096-line source printed in a template
# argument): a regular expression that can start anywhere is quadratic on a line of 100 KB.
string(LENGTH "${out}" bytes)
if(MAX_BYTES)
  string(REGEX REPLACE "[^ \n:('‘]+/" "" without_directories "${out}")
  string(LENGTH "${without_directories}" bytes)
endif()
if(rc EQUAL 0)
  message(FATAL_ERROR "compiled, but must fail with ${EXPECT}")
endif()
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "the output does not match ${EXPECT}:\n${out}")
endif()
if(FIRST)
  string(FIND "${out}" ": error: " at)
  string(SUBSTRING "${out}" ${at} -1 first)
  string(FIND "${first}" "\n" end)
  string(SUBSTRING "${first}" 0 ${end} first)
  if(NOT first MATCHES "${EXPECT}")
    message(FATAL_ERROR "the first error line does not match ${EXPECT}:\n${first}\n\nthe output:\n${out}")
  endif()
endif()
if(MAX_BYTES AND bytes GREATER MAX_BYTES)
  message(FATAL_ERROR "${bytes} bytes of output, more than ${MAX_BYTES}:\n${out}")
endif()
message(STATUS "failed as expected (${bytes} bytes): ${EXPECT}")
