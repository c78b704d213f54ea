cmake -S . -B build -DCMAKE_PREFIX_PATH="$PREFIX;$BOOST_PREFIX"
cmake --build build
./build/app
