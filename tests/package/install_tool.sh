# In the ctbpf source tree: build only the tool (needs libpcap-dev and libcli11-dev), install it.
cmake -S . -B build-tool -DCTBPF_BUILD_TOOLS=ON -DCTBPF_BUILD_TESTS=OFF -DCTBPF_BUILD_EXAMPLES=OFF -DCTBPF_BUILD_BENCH=OFF
cmake --build build-tool --target ctbpf_tool
cmake --install build-tool --prefix "$PREFIX"
"$PREFIX/bin/ctbpf" --help
