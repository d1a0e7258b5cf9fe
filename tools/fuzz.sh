#!/usr/bin/env bash
# Builds one fuzz target with clang + libFuzzer + ASan/UBSan into build-fuzz/
# and runs it for SECONDS (default 60), starting from the committed seed corpus
# tests/fuzz/corpus/TARGET. New inputs go to build-fuzz/corpus/TARGET, crash
# inputs to build-fuzz/artifacts/TARGET/ (add them to the seed corpus with the
# fix: ctest replays every seed).
# Usage: tools/fuzz.sh TARGET [SECONDS] [extra libFuzzer flags]
#   TARGET: key_format | ttl | json_body | http_request
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: tools/fuzz.sh TARGET [SECONDS] [libFuzzer flags]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
if ! command -v clang++ >/dev/null || [ ! -d /usr/lib/llvm-14/lib/clang ] ||
   ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz.sh: needs clang and libclang-rt-14-dev (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi
build_dir=${KEYLEDGER_FUZZ_BUILD_DIR:-build-fuzz}
sanitize="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DKEYLEDGER_FUZZ=ON \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $sanitize -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="$sanitize" >/dev/null
cmake --build "$build_dir" -j"${JOBS:-2}" --target "fuzz_$target"
mkdir -p "$build_dir/corpus/$target" "$build_dir/artifacts/$target"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$build_dir/bin/fuzz_$target" -max_total_time="$seconds" -max_len=8192 \
  -timeout=20 -artifact_prefix="$build_dir/artifacts/$target/" "$@" \
  "$build_dir/corpus/$target" "tests/fuzz/corpus/$target"
