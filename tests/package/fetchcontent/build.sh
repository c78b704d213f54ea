cmake -S . -B build -DCTBPF_GIT="$CTBPF_GIT" -DCTBPF_GIT_TAG="$CTBPF_GIT_TAG"
cmake --build build
./build/app
