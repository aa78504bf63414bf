#!/usr/bin/env bash
# ctest `installed_library`: installs the build into a temporary prefix (`cmake --install`, no
# rebuild), then builds examples/embed.cpp against the *installed* library twice -- a small CMake
# project using find_package(fluxi) and a plain `c++ ... $(pkg-config --cflags --libs fluxi)` --
# and runs both. Only the prefix is on the include path, so an installed header that includes an
# internal one (eval/, stdlib/, ...) fails the build; a stdlib builtin dropped by the link fails
# the script. Usage: installed_library_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fluxi-install-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
launcher=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR=$tmp CCACHE_NOHASHDIR=1
  launcher=(ccache)
fi

cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/fluxi include/fluxi/fluxi.h include/fluxi/version.h; do
  test -f "$prefix/$f" || { echo "not installed: $f"; exit 1; }
done
libfile=$(find "$prefix" -name libfluxi.a | head -1)
test -n "$libfile" || { echo "not installed: libfluxi.a"; exit 1; }
if grep -rn '#include "\(eval\|stdlib\|store\|api\|ast\|parser\|types\|net\|format\|task\|server\)/' "$prefix/include"; then
  echo "an installed header includes an internal header"
  exit 1
fi
"$prefix/bin/fluxi" --version | grep -q '^fluxi ' || { echo "the installed fluxi does not run"; exit 1; }

# What the example prints when the library works (host builtin, results, streaming, cancel).
check_output() {
  local out=$1
  for want in 'scale: 10.0' 'host="b" _value=6.0' 'streamed: 3 tables, 30000 rows' 'runaway: canceled'; do
    grep -qF "$want" <<<"$out" || { echo "missing from the output: $want"; echo "$out"; return 1; }
  done
}

# 1. CMake: find_package(fluxi) -> fluxi::fluxi
mkdir -p "$tmp/cmake-consumer"
cp "$src/examples/embed.cpp" "$tmp/cmake-consumer/"
cat > "$tmp/cmake-consumer/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.18)
project(fluxi_consumer CXX)
find_package(fluxi 0.1 REQUIRED)
add_executable(embed embed.cpp)
target_link_libraries(embed PRIVATE fluxi::fluxi)
CMAKE
cmake -S "$tmp/cmake-consumer" -B "$tmp/cmake-consumer/build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release ${launcher:+-DCMAKE_CXX_COMPILER_LAUNCHER=ccache} >/dev/null
cmake --build "$tmp/cmake-consumer/build" >/dev/null
out=$("$tmp/cmake-consumer/build/embed")
check_output "$out"
echo "find_package(fluxi): ok"

# 2. pkg-config
mkdir -p "$tmp/pc-consumer"
cp "$src/examples/embed.cpp" "$tmp/pc-consumer/"
pcdir=$(dirname "$(find "$prefix" -name fluxi.pc | head -1)")
flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs fluxi)
(cd "$tmp/pc-consumer" && "${launcher[@]}" c++ -std=c++20 -O2 embed.cpp $flags -o embed)
out=$("$tmp/pc-consumer/embed")
check_output "$out"
echo "pkg-config fluxi: ok"
