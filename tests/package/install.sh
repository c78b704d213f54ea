# In the ctbpf source tree: configure with the defaults, install the headers and package files.
cmake -S . -B build
cmake --install build --prefix "$PREFIX"
