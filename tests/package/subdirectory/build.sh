git clone --depth 1 "$CTBPF_GIT" third_party/ctbpf  # or a git submodule, or a copy
cmake -S . -B build
cmake --build build
./build/app
