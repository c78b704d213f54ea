export PKG_CONFIG_PATH="$PREFIX/share/pkgconfig"
${CXX:-g++} $(pkg-config --cflags ctbpf) app.cpp -o app
./app
