#!/usr/bin/env bash
# Client CPU per call, side by side against one simulator process: synthkit's gateway (GatewayBench), Python aiohttp
# and Node fetch, each a closed loop of C calls in flight at L ms latency. Needs python3 with aiohttp
# (Debian: apt-get install python3-aiohttp) and node >= 18.
#   synthkit-bench/clients/compare.sh [C=512] [L_ms=100] [measured=61440] [rounds=3]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
c=${1:-512}; latency=${2:-100}; n=${3:-61440}; rounds=${4:-3}
python=${PYTHON:-/usr/bin/python3}
"$root/bin/bench" list > /dev/null   # builds the bench module
source "$root/bin/find-java"; synthkit_find_java
cp="$root/synthkit-bench/target/classes:$root/synthkit-bench/target/lib/*"
out=$(mktemp); trap 'kill $sim 2>/dev/null; rm -f "$out"' EXIT
"$JAVA_HOME/bin/java" -cp "$cp" io.synthkit.bench.SimServer "$latency" "$c" > "$out" &
sim=$!
for _ in $(seq 100); do grep -q READY "$out" && break; sleep 0.1; done
port=$(awk '/READY/ {print $2}' "$out")
for r in $(seq "$rounds"); do
  echo "round $r"
  "$python" "$here/aiohttp_bench.py" "$port" "$c" "$n"
  node "$here/fetch_bench.mjs" "$port" "$c" "$n"
done
kill $sim
for r in $(seq "$rounds"); do
  "$root/bin/bench" GatewayBench "$c" "$latency" "$n" 2>/dev/null | grep -E "achieved|client CPU per call:"
done
