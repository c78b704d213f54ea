#!/usr/bin/env bash
# Builds the copy-paste blocks of docs/getting-started.md (check_snippets keeps the page equal to
# these files) as a new user would run them, in a scratch directory.
# usage: run.sh MODE SOURCE WORK CXX
#   install       install.sh with the defaults, then find_package/ (and install_tool.sh)
#   fetchcontent  fetchcontent/ from a git repository of the source tree
#   subdirectory  subdirectory/ with the source cloned into third_party/ctbpf
#   pkgconfig     install.sh, then pkgconfig/build.sh
#   headers       install.sh, then headers/ with Boost moved to a prefix of its own: in a private
#                 mount namespace the default /usr/include/boost and Boost's CMake files are
#                 hidden (needs root; skipped otherwise, or an error with CTBPF_REQUIRE_KERNEL=1)
set -euo pipefail
mode=$1 source=$2 work=$3
export CXX=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
step() { echo "--- $*" >&2; }

# The source tree as a user has it: a copy (no build directories) that is also a git repository.
src=$work/ctbpf
mkdir -p "$src"
(cd "$source" && tar --exclude='./build*' --exclude=./.git -cf - .) | (cd "$src" && tar -xf -)
git -C "$src" init -q -b main
git -C "$src" -c user.name=test -c user.email=test@localhost add -A
git -C "$src" -c user.name=test -c user.email=test@localhost commit -q -m snapshot
export CTBPF_GIT=file://$src CTBPF_GIT_TAG=main
export PREFIX=$work/prefix

app() {  # app DIR: a consumer project from DIR's CMakeLists.txt (if any) and the app source
    local dir=$work/app
    mkdir -p "$dir"
    if [ -f "$here/$1/CMakeLists.txt" ]; then cp "$here/$1/CMakeLists.txt" "$dir/"; fi
    cp "$here/${2:-app.cpp}" "$dir/app.cpp"
    echo "$dir"
}
install() { step install.sh; (cd "$src" && sh -e "$here/install.sh"); }

case "$mode" in
  install)
    install
    test ! -e "$PREFIX/bin/ctbpf"  # configured, not built: headers and package files only
    dir=$(app find_package)
    step find_package/build.sh; (cd "$dir" && sh -e "$here/find_package/build.sh")
    step install_tool.sh; (cd "$src" && sh -e "$here/install_tool.sh") >/dev/null
    test -x "$PREFIX/bin/ctbpf"
    ;;
  fetchcontent | subdirectory)
    dir=$(app "$mode")
    step "$mode/build.sh"; (cd "$dir" && sh -e "$here/$mode/build.sh")
    # only the library: none of ctbpf's own targets were configured
    ! grep -q 'ctbpf_unit_tests\|ctbpf_tool' "$dir/build/Makefile" "$dir/build/CMakeFiles/Makefile2"
    ;;
  pkgconfig)
    install
    dir=$(app pkgconfig)
    step pkgconfig/build.sh; (cd "$dir" && sh -e "$here/pkgconfig/build.sh")
    ;;
  headers)
    if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
      echo "needs root and unshare to hide the system's Boost"
      [ "${CTBPF_REQUIRE_KERNEL:-0}" = 1 ] && exit 1 || exit 77
    fi
    install
    dir=$(app headers app_headers.cpp)
    boost_cmake=$(dirname "$(ls -d /usr/lib/*/cmake/Boost-*/BoostConfig.cmake | head -1)")
    arch_cmake=${boost_cmake%/*}                      # /usr/lib/<multiarch>/cmake
    export BOOST_PREFIX=$work/boost
    mkdir -p "$BOOST_PREFIX/include/boost" "$BOOST_PREFIX${arch_cmake#/usr}" "$work/empty"
    cp -r "$arch_cmake"/Boost-* "$arch_cmake"/boost_headers-* "$BOOST_PREFIX${arch_cmake#/usr}/"
    cat >"$work/hidden.sh" <<HIDE
set -e
mount --make-rprivate /
mount --bind /usr/include/boost "$BOOST_PREFIX/include/boost"
mount --bind "$work/empty" /usr/include/boost
for d in "$arch_cmake"/Boost-* "$arch_cmake"/boost_headers-*; do mount --bind "$work/empty" "\$d"; done
# the control: without the prefix, Boost is not there
if echo '#include <boost/hana.hpp>' | "$CXX" -std=c++20 -x c++ -fsyntax-only - 2>/dev/null; then
  echo "Boost is still visible in the default include path"; exit 1
fi
cd "$dir" && sh -e "$here/headers/build.sh"
HIDE
    step "headers/build.sh (Boost only in $BOOST_PREFIX)"; unshare -m sh "$work/hidden.sh"
    ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
echo "$mode: the consumer built and ran"
