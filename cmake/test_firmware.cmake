# cmake -DSOURCE=<ctbpf> -DWORK=<dir> -P test_firmware.cmake
# Cross-compiles examples/firmware for an ARM Cortex-M4 (no OS, -fno-exceptions -fno-rtti, -Os,
# its own startup code and linker script) and prints the image's and the VM's code size.
find_program(ARM_GXX arm-none-eabi-g++ REQUIRED)
find_program(ARM_NM arm-none-eabi-nm REQUIRED)
find_program(ARM_SIZE arm-none-eabi-size REQUIRED)
file(MAKE_DIRECTORY ${WORK})
set(fw ${SOURCE}/examples/firmware)
execute_process(
  COMMAND ${ARM_GXX} -std=c++20 -mcpu=cortex-m4 -mthumb -Os -fno-exceptions -fno-rtti -ffunction-sections
          -fdata-sections -Wall -Wextra -Werror -DCTBPF_NO_LINUX_HEADERS -I${SOURCE}/include -nostartfiles
          -T ${fw}/cortex_m4.ld --specs=nano.specs --specs=nosys.specs -Wl,--gc-sections
          ${fw}/main.cpp ${fw}/startup.cpp -o ${WORK}/firmware.elf
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the firmware example does not build:\n${err}")
endif()
execute_process(COMMAND ${ARM_SIZE} ${WORK}/firmware.elf OUTPUT_VARIABLE size)
execute_process(COMMAND ${ARM_NM} --size-sort -C -S ${WORK}/firmware.elf OUTPUT_VARIABLE symbols)
string(REGEX MATCH "[0-9a-f]+ [Ww] unsigned long ctbpf::portable::detail::execute<[^\n]*" vm "${symbols}")
if(NOT vm)
  message(FATAL_ERROR "the VM is not in the firmware image:\n${symbols}")
endif()
message(STATUS "firmware image:\n${size}VM (ctbpf::portable::detail::execute): 0x${vm}")
