#!/usr/bin/env bash
# keyledger performance benchmark (issue 8): measures keyledger against this
# machine's own ceilings, measured in the same run, alternating, and prints
# a table: figure | keyledger | ceiling | ratio | goal | met/not met.
#
# Usage: tools/bench.sh [--quick|--smoke]
#   (default)  full run: 10,000 and 1,000,000 keys, 10 s load runs, 3 rounds
#   --quick    about a minute: 10,000 and 100,000 keys, 3 s runs, 1 round
#   --smoke    tiny, ~20 s, judges no goal (run by ctest, label bench)
# BENCH_NO_BUILD=1 skips the build; BENCH_BUILD_DIR=DIR uses DIR instead of
# build/ (experiments).
#
# Builds Release into build/ (tools/build.sh), installs nginx and wrk with
# apt-get if missing. Everything runs on 127.0.0.1; data, secrets and configs
# live in a temp dir that is removed at the end (KEEP_BENCH_DIR=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

mode=full
case "${1:-}" in
  "") ;;
  --quick) mode=quick ;;
  --smoke) mode=smoke ;;
  *) echo "usage: tools/bench.sh [--quick|--smoke]" >&2; exit 2 ;;
esac
case $mode in
  full)  small_keys=10000; large_keys=1000000; secs=10; rounds=3; fsync_secs=5 ;;
  quick) small_keys=10000; large_keys=100000;  secs=3;  rounds=1; fsync_secs=2 ;;
  smoke) small_keys=300;   large_keys=2000;    secs=1;  rounds=1; fsync_secs=1 ;;
esac
conns=64
wrk_threads=2

log() { echo "bench: $*" >&2; }

# --- tools -----------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  sudo_cmd=(); [[ $(id -u) == 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y \
    "${missing[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

build_dir=${BENCH_BUILD_DIR:-build}
if [[ ${BENCH_NO_BUILD:-0} != 1 && ( $mode != smoke || ! -x $build_dir/bin/keyledger_gen ||
      ! -x $build_dir/bin/wait_ready ) ]]; then
  log "building Release into $build_dir/"
  KEYLEDGER_BUILD_DIR=$build_dir BUILD_TYPE=Release tools/build.sh >/dev/null
fi
bin=$root/$build_dir/bin
lua=$root/tools/bench
export BENCH_LUA_DIR=$lua

# --- temp dir, processes, cleanup ------------------------------------------
tmp=$(mktemp -d /tmp/keyledger-bench.XXXXXX)
chmod 755 "$tmp"  # nginx workers run as another user
nginx_pid=""
declare -A server_pid=() server_port=()  # by name: see start_server
cleanup() {
  for pid in "${server_pid[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null || true
  if [[ ${KEEP_BENCH_DIR:-0} == 1 ]]; then log "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
# Floating-point helper: calc 'expr' (awk syntax).
# Numbers print with 3 significant digits, and without exponent when large.
num_awk='function num(x) { return (x >= 1000 || x <= -1000) ? sprintf("%.0f", x) : sprintf("%.3g", x) }'
calc() { awk "$num_awk BEGIN { printf \"%s\", num($1) }"; }
mean() { tr ' ' '\n' | awk "$num_awk"' NF { s += $1; n++ } END { printf "%s", num(n ? s / n : 0) }'; }
spread() { tr ' ' '\n' | awk "$num_awk"' NF { if (n == 0 || $1 < lo) lo = $1; if ($1 > hi) hi = $1; n++ } END { printf "%s-%s", num(lo), num(hi) }'; }
field() { sed -n "s/.*\b$1=\([0-9.e+-]*\).*/\1/p" | tail -1; }

# --- nginx (ceiling a) -----------------------------------------------------
nginx_port=$(free_port)
mkdir -p "$tmp/nginx/www" "$tmp/nginx/logs"
printf '0123456789abcdefghi\n' >"$tmp/nginx/www/static.txt"  # 20 bytes
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/nginx/www;
  }
}
EOF
"$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" &
nginx_pid=$!

# --- keyledger servers -------------------------------------------------------
# Two may run at once (the 10,000- and the large-key store), each on its own
# port; an idle one costs nothing, so their auth rounds can alternate.
admin_pw=bench-admin
admin_auth="Basic $(printf 'admin:%s' "$admin_pw" | base64 -w0)"

url_of() { echo "http://127.0.0.1:${server_port[$1]}$2"; }  # url_of NAME PATH

# start_server NAME DIR SECRETS: starts `keyledger serve` on DIR; sets
# server_pid[NAME], server_port[NAME] and ready_s: seconds until /api/health
# answers 200 and one authenticated /api/auth/verify (with the first secret
# of SECRETS) answers 200, polled every 10 ms by wait_ready (one process:
# a curl per poll took ~half of a core from the server being timed).
start_server() {
  local name=$1 dir=$2 secrets=$3 start end port pid
  port=${server_port[$name]:-$(free_port)}
  server_port[$name]=$port
  start=$(date +%s.%N)
  "$bin/keyledger" serve --data-dir "$dir" --http-addr 127.0.0.1 \
    --http-port "$port" --admin-password "$admin_pw" >>"$tmp/server-$name.log" 2>&1 &
  pid=$!
  server_pid[$name]=$pid
  if ! "$bin/wait_ready" "$port" "$secrets" "$pid"; then
    log "server $name not ready"; tail "$tmp/server-$name.log" >&2; exit 1
  fi
  end=$(date +%s.%N)
  ready_s=$(calc "$end - $start")
}
stop_server() {
  local name=$1
  kill "${server_pid[$name]}" 2>/dev/null || true
  wait "${server_pid[$name]}" 2>/dev/null || true
  unset "server_pid[$name]"
}
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/${server_pid[$1]}/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/${server_pid[$1]}/stat"; }
# wait_idle NAME: waits (at most 60 s) until the server used under 5% of a
# core over one second. A server started on a freshly generated store
# compacts it first (a core for ~4 s at 10^6 keys), which would otherwise
# load the machine during the first round's nginx run.
wait_idle() {
  local name=$1 hz before after
  hz=$(getconf CLK_TCK)
  for _ in $(seq 1 60); do
    before=$(cpu_ticks "$name"); sleep 1; after=$(cpu_ticks "$name")
    (( (after - before) * 20 < hz )) && return 0
  done
  log "WARNING: server $name still busy after 60 s"
}

# wrk_run CONNS URL SCRIPT -> the RESULT line
wrk_run() {
  local c=$1 url=$2 script=$3 t=$wrk_threads
  ((c < t)) && t=$c
  wrk -t"$t" -c"$c" -d"${secs}s" --timeout 5s -s "$script" "$url" 2>&1 |
    grep '^RESULT' || { log "wrk failed on $url"; echo "RESULT req_s=0 p50_ms=0 p99_ms=0 non2xx=0 errors=1"; }
}
check_clean() {  # log a load run's result; warn when it saw errors or non-2xx answers
  local what=$1 line=$2
  log "  $what: ${line#RESULT }"
  local bad=$(( $(echo "$line" | field non2xx) + $(echo "$line" | field errors) ))
  ((bad == 0)) || log "WARNING: $what: $bad errors/non-2xx answers ($line)"
}

# --- data ------------------------------------------------------------------
log "generating $small_keys keys (small) and $large_keys keys (large)"
"$bin/keyledger_gen" --data-dir "$tmp/small" --keys "$small_keys" --orgs 10 \
  --admin-password "$admin_pw" --secrets-file "$tmp/small.secrets" \
  --secrets-max 10000 >"$tmp/gen-small.txt"
"$bin/keyledger_gen" --data-dir "$tmp/large" --keys "$large_keys" --orgs 100 \
  --admin-password "$admin_pw" --secrets-file "$tmp/large.secrets" \
  --secrets-max 10000 >"$tmp/gen-large.txt"
cat "$tmp/gen-small.txt" "$tmp/gen-large.txt" >&2

# --- 1. authentication ------------------------------------------------------
# Both stores are served at once and their rounds alternate with nginx's, so
# the large-store figure is compared with a small-store figure measured in
# the same minutes (this machine's speed drifts by 20% between minutes).
ngx=() ; ngxp99=() ; a10=() ; a10p99=() ; a1m=() ; a1mp99=()
start_server small "$tmp/small" "$tmp/small.secrets"
start_server large "$tmp/large" "$tmp/large.secrets"
wait_idle small; wait_idle large
for r in $(seq 1 "$rounds"); do
  log "round $r: nginx static file, keyledger auth (small), keyledger auth (large)"
  line=$(wrk_run $conns "http://127.0.0.1:$nginx_port/static.txt" "$lua/plain.lua")
  check_clean nginx "$line"; ngx+=("$(echo "$line" | field req_s)")
  ngxp99+=("$(echo "$line" | field p99_ms)")
  line=$(BENCH_SECRETS=$tmp/small.secrets wrk_run $conns "$(url_of small /api/auth/verify)" "$lua/auth.lua")
  check_clean auth-small "$line"
  a10+=("$(echo "$line" | field req_s)"); a10p99+=("$(echo "$line" | field p99_ms)")
  line=$(BENCH_SECRETS=$tmp/large.secrets wrk_run $conns "$(url_of large /api/auth/verify)" "$lua/auth.lua")
  check_clean auth-large "$line"
  a1m+=("$(echo "$line" | field req_s)"); a1mp99+=("$(echo "$line" | field p99_ms)")
done
rss=$(rss_mb large)
stop_server large

# --- 2. durable writes (the small store's server) ----------------------------
sa_id=$(curl -s -H "Authorization: $admin_auth" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench-sa-$RANDOM$RANDOM\",\"role\":\"Viewer\"}" "$(url_of small /api/serviceaccounts)" |
  sed -n 's/.*"id":\([0-9]*\).*/\1/p')
[[ -n $sa_id ]] || { log "cannot create the benchmark service account"; exit 1; }
export BENCH_SA_ID=$sa_id BENCH_AUTH=$admin_auth
fs_rate=() ; w64=() ; fs_p50=() ; health_p50=() ; w1=()
for r in $(seq 1 "$rounds"); do
  log "round $r: raw fsync loop, token creation (64 clients, 1 client), health"
  line=$("$bin/fsync_loop" "$tmp" "$fsync_secs")
  fs_rate+=("$(echo "$line" | field per_s)"); fs_p50+=("$(echo "$line" | field p50_ms)")
  export BENCH_RUN="r$r-c64-$RANDOM"
  line=$(wrk_run $conns "$(url_of small '')" "$lua/create_token.lua")
  check_clean create-64 "$line"; w64+=("$(echo "$line" | field req_s)")
  line=$(wrk_run 1 "$(url_of small /api/health)" "$lua/plain.lua")
  health_p50+=("$(echo "$line" | field p50_ms)")
  export BENCH_RUN="r$r-c1-$RANDOM"
  line=$(wrk_run 1 "$(url_of small '')" "$lua/create_token.lua")
  check_clean create-1 "$line"; w1+=("$(echo "$line" | field p50_ms)")
done
stop_server small

# --- 4. restart --------------------------------------------------------------
restarts=()
for r in $(seq 1 "$rounds"); do
  start_server large "$tmp/large" "$tmp/large.secrets"
  restarts+=("$ready_s")
  log "round $r: restart to ready: $ready_s s"
  stop_server large
done

# --- 3 and 5. rebuild and replay --verify vs raw scan+parse ----------------
# A rebuild changes the store (it leaves the files it ingested for the next
# serve to compact, and a second rebuild of one store would start from
# that): each round rebuilds a fresh copy of the large store, scanned right
# before and right after. A replay only reads: it alternates with scan+parse on the
# large store itself.
scan_rebuild=() ; scan_replay=() ; rebuild=() ; replay=()
scan_once() { "$bin/scan_parse" --data-dir "$1" | field events_per_s; }
large_events=$("$bin/scan_parse" --data-dir "$tmp/large" | field events)
copy=$tmp/large-copy
for r in $(seq 1 "$rounds"); do
  log "round $r: scan+parse, rebuild --view all (of a fresh copy), scan+parse"
  rm -rf "$copy" && cp -a "$tmp/large" "$copy" && sync
  scan_rebuild+=("$(scan_once "$copy")")
  t0=$(date +%s.%N)
  "$bin/keyledger" rebuild --data-dir "$copy" --view all >"$tmp/rebuild.log" 2>&1
  t1=$(date +%s.%N)
  rebuild+=("$(calc "$large_events / ($t1 - $t0)")")
  scan_rebuild+=("$(scan_once "$copy")")
  log "  rebuild: ${rebuild[-1]} events/s; scan+parse before and after: ${scan_rebuild[-2]}, ${scan_rebuild[-1]}"
done
rm -rf "$copy"
scan_replay+=("$(scan_once "$tmp/large")")
for r in $(seq 1 "$rounds"); do
  log "round $r: replay --verify, scan+parse"
  t0=$(date +%s.%N)
  "$bin/keyledger" replay --data-dir "$tmp/large" --verify >/dev/null 2>"$tmp/replay.log"
  t1=$(date +%s.%N)
  replay+=("$(calc "$large_events / ($t1 - $t0)")")
  scan_replay+=("$(scan_once "$tmp/large")")
  log "  replay --verify: ${replay[-1]} events/s; scan+parse before and after: ${scan_replay[-2]}, ${scan_replay[-1]}"
done

# --- table -------------------------------------------------------------------
m() { echo "$@" | mean; }
s() { echo "$@" | spread; }
judge() {  # judge VALUE OP LIMIT
  [[ $mode == smoke ]] && { echo "(smoke)"; return; }
  if awk "BEGIN { exit !($1 $2 $3) }"; then echo met; else echo "NOT MET"; fi
}
ngx_m=$(m "${ngx[@]}"); ngxp99_m=$(m "${ngxp99[@]}"); a10_m=$(m "${a10[@]}"); a10p99_m=$(m "${a10p99[@]}")
a1m_m=$(m "${a1m[@]}"); a1mp99_m=$(m "${a1mp99[@]}")
fs_m=$(m "${fs_rate[@]}"); w64_m=$(m "${w64[@]}")
fsp50_m=$(m "${fs_p50[@]}"); hp50_m=$(m "${health_p50[@]}"); w1_m=$(m "${w1[@]}")
one_write_ceiling=$(calc "$fsp50_m + $hp50_m")
scan_rebuild_m=$(m "${scan_rebuild[@]}"); scan_replay_m=$(m "${scan_replay[@]}")
rebuild_m=$(m "${rebuild[@]}"); replay_m=$(m "${replay[@]}")
restart_m=$(m "${restarts[@]}")
r1=$(calc "$a10_m / $ngx_m"); r1b=$(calc "$a1m_m / $a10_m")
r2=$(calc "$w64_m / $fs_m"); r2b=$(calc "$w1_m / $one_write_ceiling")
r3=$(calc "$rebuild_m / $scan_rebuild_m"); r5=$(calc "$replay_m / $scan_replay_m")
large_label=$(printf "%'d" "$large_keys" 2>/dev/null || echo "$large_keys")

{
  echo "figure|keyledger|ceiling|ratio|goal|result"
  echo "1 auth verify, ${small_keys} keys, ${conns} conns (req/s)|$a10_m [$(s "${a10[@]}")]|nginx $ngx_m [$(s "${ngx[@]}")]|${r1}x|>= 0.6x|$(judge "$r1" '>=' 0.6)"
  echo "1 auth verify p99, ${small_keys} keys (ms)|$a10p99_m [$(s "${a10p99[@]}")]|(nginx p99 $ngxp99_m [$(s "${ngxp99[@]}")])|-|<= 5 ms|$(judge "$a10p99_m" '<=' 5)"
  echo "1 auth verify, ${large_label} keys (req/s)|$a1m_m [$(s "${a1m[@]}")]|${small_keys}-key figure $a10_m|${r1b}x|>= 0.8x|$(judge "$r1b" '>=' 0.8)"
  echo "1 auth verify p99, ${large_label} keys (ms)|$a1mp99_m [$(s "${a1mp99[@]}")]|(nginx p99 $ngxp99_m)|-|<= 5 ms|$(judge "$a1mp99_m" '<=' 5)"
  echo "2 token create, ${conns} clients (req/s)|$w64_m [$(s "${w64[@]}")]|raw fsync $fs_m/s [$(s "${fs_rate[@]}")]|${r2}x|>= 2x|$(judge "$r2" '>=' 2)"
  echo "2 token create, 1 client p50 (ms)|$w1_m [$(s "${w1[@]}")]|fsync p50 $fsp50_m + health p50 $hp50_m = $one_write_ceiling|${r2b}x|<= 3x|$(judge "$r2b" '<=' 3)"
  echo "3 rebuild --view all, $large_events events (events/s)|$rebuild_m [$(s "${rebuild[@]}")]|scan+parse $scan_rebuild_m [$(s "${scan_rebuild[@]}")]|${r3}x|>= 0.3x|$(judge "$r3" '>=' 0.3)"
  echo "4 serve RSS, ${large_label} keys (MB)|$rss|512 MB|$(calc "$rss / 512")x|<= 512 MB|$(judge "$rss" '<=' 512)"
  echo "4 restart to ready, ${large_label} keys (s)|$restart_m [$(s "${restarts[@]}")]|2 s|$(calc "$restart_m / 2")x|<= 2 s|$(judge "$restart_m" '<=' 2)"
  echo "5 replay --verify, $large_events events (events/s)|$replay_m [$(s "${replay[@]}")]|scan+parse $scan_replay_m [$(s "${scan_replay[@]}")]|${r5}x|>= 0.5x|$(judge "$r5" '>=' 0.5)"
} | column -t -s '|' -o ' | '
echo "mode=$mode rounds=$rounds load=${secs}s wrk threads=$wrk_threads on $(nproc) cores (wrk, nginx and keyledger share them); [min-max] over rounds"
