#!/usr/bin/env bash
# Every test, with the code built under ThreadSanitizer (build-tsan/): the server's threads,
# the write combiner, the checkpointer, the indexer and the caches are checked for data races
# while the suites run on SQLite and PostgreSQL (scripts/test.sh). Slow (a full build with TSan
# takes ~15 min on 2 cores), so CI does not run it. Fails when TSan reported anything outside
# scripts/tsan.supp; the reports are left in build-tsan/tsan/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-tsan
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread" -DCMAKE_C_FLAGS="-fsanitize=thread" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
make -C "$build" -j"$(nproc)" --no-print-directory
rm -rf "$build/tsan" && mkdir -p "$build/tsan"
# Reports go to files (the servers the API tests start write theirs there too) and do not stop
# a test, so one run lists them all.
export TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 log_path=$build/tsan/report suppressions=$root/scripts/tsan.supp"
bash "$root/scripts/test.sh" build-tsan
if compgen -G "$build/tsan/report*" >/dev/null; then
  echo "ThreadSanitizer reported:" >&2
  grep -h "^SUMMARY" "$build/tsan"/report* | sort | uniq -c >&2
  exit 1
fi
echo "ThreadSanitizer: no reports"
