# cmake -DROOT=<source dir> -P check_format.cmake
# Every C++ file of the project follows .clang-format (Debian 12's clang-format 14).
find_program(CLANG_FORMAT clang-format REQUIRED)
file(GLOB_RECURSE files ${ROOT}/include/*.hpp ${ROOT}/tests/*.hpp ${ROOT}/tests/*.cpp ${ROOT}/examples/*.hpp
     ${ROOT}/examples/*.cpp ${ROOT}/tools/*.cpp ${ROOT}/bench/*.cpp)
set(bad "")
foreach(f IN LISTS files)
  execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror ${f} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    list(APPEND bad ${f})
  endif()
endforeach()
list(LENGTH files n)
if(bad)
  string(REPLACE ";" "\n  " bad "${bad}")
  message(FATAL_ERROR "not formatted (clang-format -i FILE):\n  ${bad}")
endif()
message(STATUS "${n} files follow .clang-format")
