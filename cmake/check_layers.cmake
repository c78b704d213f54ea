# The house's layers, checked on every header under include/ctbpf (docs/architecture.md draws
# them): a header includes only headers of its own group or of a lower layer, front ends include
# no other front end, and the include graph has no cycle.
# Usage: cmake -DINCLUDE_DIR=<repo>/include -P cmake/check_layers.cmake
cmake_minimum_required(VERSION 3.21)

# group name, layer, regular expression on the path below include/ctbpf/ (first match wins)
set(groups
  "ground;0;^(detail/config|detail/sort|detail/error_names|fixed_string|encoding|errors|numbers|concepts|version|instruction)\\.hpp$"
  "kernel;1;^(verify|vm|vm/.*|text|text_string|detail/report|detail/jeq_runs)\\.hpp$"
  "core;2;^(compiler/.*|analysis/.*|optimize|optimize_vector|analyze|decoded|native)\\.hpp$"
  "net;3;^net/.*\\.hpp$"
  "text;4;^(builders|assemble|parse|parse_vector|parse/.*)\\.hpp$"
  "dsl;4;^(dsl|dsl/.*)\\.hpp$"
  "pcap_filter;4;^(pcap_filter|pcap_filter_vector|pcap_filter/.*)\\.hpp$"
  "seccomp;4;^(seccomp|seccomp/.*)\\.hpp$"
  "headers;5;^(headers|headers/.*)\\.hpp$"
  "system;6;^(linux/.*|pcap)\\.hpp$"
  "umbrella;7;^ctbpf\\.hpp$")

function(group_of path out_group out_layer)
  set(i 0)
  list(LENGTH groups n)
  while(i LESS n)
    list(GET groups ${i} name)
    math(EXPR j "${i} + 1")
    list(GET groups ${j} layer)
    math(EXPR j "${i} + 2")
    list(GET groups ${j} regex)
    if(path MATCHES "${regex}")
      set(${out_group} ${name} PARENT_SCOPE)
      set(${out_layer} ${layer} PARENT_SCOPE)
      return()
    endif()
    math(EXPR i "${i} + 3")
  endwhile()
  set(${out_group} "" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE headers RELATIVE "${INCLUDE_DIR}/ctbpf" "${INCLUDE_DIR}/ctbpf/*.hpp")
list(SORT headers)
set(problems "")
set(all_edges "")
foreach(h IN LISTS headers)
  group_of("${h}" g layer)
  if(NOT g)
    string(APPEND problems "  ${h}: in no layer (add it to cmake/check_layers.cmake)\n")
    continue()
  endif()
  get_filename_component(dir "${h}" DIRECTORY)
  file(STRINGS "${INCLUDE_DIR}/ctbpf/${h}" lines REGEX "^#include \"")
  set(edges_${h} "")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" inc "${line}")
    if(dir)
      set(target "${dir}/${inc}")
    else()
      set(target "${inc}")
    endif()
    # normalize a/../b
    while(target MATCHES "[^/.]+/\\.\\./")
      string(REGEX REPLACE "[^/.]+/\\.\\./" "" target "${target}")
    endwhile()
    if(NOT EXISTS "${INCLUDE_DIR}/ctbpf/${target}")
      string(APPEND problems "  ${h}: includes ${inc}, which is no header of ctbpf\n")
      continue()
    endif()
    list(APPEND edges_${h} "${target}")
    group_of("${target}" tg tlayer)
    if(tlayer GREATER layer)
      string(APPEND problems "  ${h} (${g}, layer ${layer}) includes ${target} (${tg}, layer ${tlayer}): a higher layer\n")
    elseif(tlayer EQUAL layer AND NOT tg STREQUAL g AND layer GREATER_EQUAL 3)
      string(APPEND problems "  ${h} (${g}) includes ${target}: another front end (${tg})\n")
    endif()
  endforeach()
endforeach()

# No cycle: repeatedly remove headers all of whose includes are removed; what stays is on a cycle.
set(left ${headers})
set(done "")
set(changed TRUE)
while(changed)
  set(changed FALSE)
  set(still "")
  foreach(h IN LISTS left)
    set(ready TRUE)
    foreach(t IN LISTS edges_${h})
      if(NOT t IN_LIST done)
        set(ready FALSE)
        break()
      endif()
    endforeach()
    if(ready)
      list(APPEND done ${h})
      set(changed TRUE)
    else()
      list(APPEND still ${h})
    endif()
  endforeach()
  set(left ${still})
endwhile()
if(left)
  string(REPLACE ";" ", " left "${left}")
  string(APPEND problems "  an include cycle among: ${left}\n")
endif()

if(problems)
  message(FATAL_ERROR "ctbpf's layers are broken:\n${problems}")
endif()
list(LENGTH headers count)
message(STATUS "ctbpf's layers hold: ${count} headers, no include upwards, no front end in another, no cycle")
