#!/usr/bin/env bash
# Documents: upload and download throughput, side by side in one run (issue 8, "Measure").
#
# On one generated file (default 1 GiB: "%PDF-1.7\n" followed by random bytes, so that the upload
# checks detect a PDF), this measures:
#   1. a plain copy (cp, then fsync of the copy): the physical limit of this disk; and dd bs=1M
#      conv=fsync, which writes through user memory with write(2) as every encrypting program must;
#   2. gpg --symmetric AES256 (--compress-algo none, and gpg's default compression for
#      reference), encrypt and decrypt, file to file;
#   3. age (X25519 recipient), encrypt and decrypt, file to file;
#   4. a Strongroom upload over HTTPS with curl (HTTP/1.1 and HTTP/2), wall time to the 201, and
#      the download to a file, with the sha256 of the download compared to the original;
#   5. the server's resident memory (VmRSS every 0.2 s, Java heap with jstat every 0.2 s) during a
#      100 MiB upload and during the 1 GiB upload and download;
#   6. 20 concurrent uploads of 50 MiB;
#   7. the first upload (256 MiB) right after a fresh start, with the start-up crypto warm-up
#      (default) and without it (strongroom.documents.warm-up=false), plus a second upload;
#   8. (S3=1, the default) the 1 GiB upload and download with S3 storage: an S3Proxy with the
#      jclouds filesystem backend on the same disk, over plain http on loopback.
# Every writer's output is fsynced inside the timed region (cp + sync FILE, gpg/age + sync FILE,
# curl -o + sync FILE; the server fsyncs each blob before it answers 201), and every input is in
# the page cache when it is read (checked with fincore and printed), except the rows marked
# "evicted", whose input was dropped from the page cache first (dd iflag=nocache count=0: only that
# file, not the whole machine's cache). MB/s is 10^6 bytes per second of wall time.
#
# Usage: bench/documents.sh              (from anywhere; builds nothing: run
#                                          `mvn -B -q -o -DskipTests package` first)
# Settings (environment): SIZE_MIB=1024 MID_MIB=100 CONC=20 CONC_MIB=50 FIRST_MIB=256
#   PORT=9743 S3=1 WORK=target/docbench (wiped and made again at every run; the generated files,
#   data folders and logs stay there afterwards for inspection). Needs curl, gpg, age, fincore,
#   and a JDK with jstat/jcmd (the one the launcher picks is used). STRONGROOM_NO_CACHE=1 is passed
#   on to the launcher (server from the plain jar, without the AOT cache).
# Output: a Markdown table on stdout, then the details (memory, warm-up log lines, machine);
# progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

SIZE_MIB="${SIZE_MIB:-1024}"
MID_MIB="${MID_MIB:-100}"
CONC="${CONC:-20}"
CONC_MIB="${CONC_MIB:-50}"
FIRST_MIB="${FIRST_MIB:-256}"
PORT="${PORT:-9743}"
S3="${S3:-1}"
WORK="${WORK:-$root/target/docbench}"

for tool in curl gpg age age-keygen fincore sha256sum; do
  command -v "$tool" >/dev/null || { echo "documents.sh: $tool is missing (apt-get install -y $tool)" >&2; exit 1; }
done
[ -f target/strongroom.jar ] || { echo "documents.sh: build first: mvn -B -q -o -DskipTests package" >&2; exit 1; }

server_pid=""
s3_pid=""
sampler_pid=""
jstat_pid=""
cleanup() {
  for p in "$sampler_pid" "$jstat_pid" "$server_pid" "$s3_pid"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  for p in "$sampler_pid" "$jstat_pid" "$server_pid" "$s3_pid"; do
    [ -n "$p" ] && wait "$p" 2>/dev/null || true
  done
  [ -d "$WORK/gnupg" ] && GNUPGHOME="$WORK/gnupg" gpgconf --kill gpg-agent 2>/dev/null || true
}
trap cleanup EXIT

rm -rf "$WORK"
mkdir -p "$WORK/files" "$WORK/out"
files="$WORK/files"
out="$WORK/out"

say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
now() { date +%s%N; }
# rate BYTES NANOS -> MB/s (10^6 bytes per second)
rate() { awk -v b="$1" -v n="$2" 'BEGIN { printf "%.0f", b / (n / 1e9) / 1e6 }'; }
secs() { awk -v n="$1" 'BEGIN { printf "%.2f", n / 1e9 }'; }
cached() { fincore -b -n -o RES,SIZE "$1" | awk '{ printf "%d%%", $2 ? 100 * $1 / $2 : 0 }'; }
warm() { cat "$1" >/dev/null; }
evict() { sync "$1"; dd if="$1" iflag=nocache count=0 status=none; }

rows=()
# row NAME BYTES NANOS NOTE (the table is printed at the end, relative to the faster plain copy)
row() {
  rows+=("$1|$2|$3|$4")
  say "$1: $(secs "$3") s, $(rate "$2" "$3") MB/s ($4)"
}
details=()
detail() { details+=("$*"); say "$*"; }

# --- the files ----------------------------------------------------------------------------------
make_file() { # NAME MIB
  { printf '%%PDF-1.7\n'; head -c $(( $2 * 1048576 - 9 )) /dev/urandom; } >"$files/$1"
}
say "generating files in $files"
make_file big.pdf "$SIZE_MIB"
make_file mid.pdf "$MID_MIB"
make_file small.pdf "$CONC_MIB"
make_file first.pdf "$FIRST_MIB"
sync
big="$files/big.pdf"
big_bytes=$(stat -c %s "$big")
big_sha=$(sha256sum "$big" | cut -d' ' -f1)
detail "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- 1. plain copy ------------------------------------------------------------------------------
copy() { # NAME NOTE [evict] -> sets copy_ns
  rm -f "$out/copy"
  if [ "${3:-}" = evict ]; then evict "$big"; else warm "$big"; fi
  local state; state="$(cached "$big")"
  local t0; t0=$(now)
  cp "$big" "$out/copy" && sync "$out/copy"
  local t1; t1=$(now)
  row "$1" "$big_bytes" $(( t1 - t0 )) "$2; input cached: $state"
  rm -f "$out/copy"
  copy_ns=$(( t1 - t0 ))
}
say "1. plain copy"
copy "plain copy (cp + fsync)" "the physical limit"
first_copy_ns=$copy_ns
copy "plain copy (cp + fsync), again" "second run"
# the reference for "vs plain copy": the faster of the two runs
copy_rate="$(rate "$big_bytes" $(( copy_ns < first_copy_ns ? copy_ns : first_copy_ns )))"
detail "plain copy reference for the last column: $copy_rate MB/s (the faster of the two cp + fsync runs)"
copy "plain copy, input evicted" "read from disk" evict
warm "$big"
# cp (like cat) copies inside the kernel (copy_file_range); a program that writes bytes it computed
# goes through write(2) from its own memory, as dd does: the realistic limit for gpg, age and us
for i in 1 2; do
  rm -f "$out/dd"
  warm "$big"
  t0=$(now)
  dd if="$big" of="$out/dd" bs=1M conv=fsync status=none
  t1=$(now)
  row "dd bs=1M conv=fsync (write(2) from user memory), run $i" "$big_bytes" $(( t1 - t0 )) "input cached: $(cached "$big")"
done
rm -f "$out/dd"

# --- 2. gpg -------------------------------------------------------------------------------------
say "2. gpg"
export GNUPGHOME="$WORK/gnupg"
mkdir -m 700 "$GNUPGHOME"
head -c 32 /dev/urandom | base64 >"$WORK/passphrase"
gpg_run() { # NAME COMPRESS-ARGS...
  local name="$1"; shift
  warm "$big"
  local state; state="$(cached "$big")"
  local t0; t0=$(now)
  gpg --batch --yes --quiet --no-symkey-cache --pinentry-mode loopback --passphrase-file "$WORK/passphrase" \
    --symmetric --cipher-algo AES256 "$@" -o "$out/gpg.gpg" "$big"
  sync "$out/gpg.gpg"
  local t1; t1=$(now)
  row "gpg --symmetric AES256 $name, encrypt" "$big_bytes" $(( t1 - t0 )) "file to file; input cached: $state; output $(( $(stat -c %s "$out/gpg.gpg") / 1048576 )) MiB"
  t0=$(now)
  gpg --batch --yes --quiet --no-symkey-cache --pinentry-mode loopback --passphrase-file "$WORK/passphrase" \
    -d -o "$out/gpg.dec" "$out/gpg.gpg"
  sync "$out/gpg.dec"
  t1=$(now)
  local same=same; cmp -s "$big" "$out/gpg.dec" || same=DIFFERENT
  row "gpg $name, decrypt" "$big_bytes" $(( t1 - t0 )) "file to file; round trip $same"
  rm -f "$out/gpg.gpg" "$out/gpg.dec"
}
gpg_run "--compress-algo none" --compress-algo none
gpg_run "default compression" 

# --- 3. age -------------------------------------------------------------------------------------
say "3. age"
age-keygen -o "$WORK/age.key" 2>/dev/null
recipient="$(age-keygen -y "$WORK/age.key")"
warm "$big"
state="$(cached "$big")"
t0=$(now); age -r "$recipient" -o "$out/big.age" "$big"; sync "$out/big.age"; t1=$(now)
row "age -r (X25519), encrypt" "$big_bytes" $(( t1 - t0 )) "file to file; input cached: $state"
t0=$(now); age -d -i "$WORK/age.key" -o "$out/age.dec" "$out/big.age"; sync "$out/age.dec"; t1=$(now)
same=same; cmp -s "$big" "$out/age.dec" || same=DIFFERENT
row "age -d, decrypt" "$big_bytes" $(( t1 - t0 )) "file to file; round trip $same"
rm -f "$out/big.age" "$out/age.dec"

# --- the server ---------------------------------------------------------------------------------
email="bench.owner@example.org"
scopes="clients.read,clients.write,documents.read,documents.write"
init_data() { # DIR [--set ...]
  local dir="$1"; shift
  head -c 24 /dev/urandom | base64 >"$WORK/owner-password"
  ./strongroom init --data-dir "$dir" --owner-email "$email" --owner-name "Bench Owner" \
    --owner-password-file "$WORK/owner-password" "$@" >"$WORK/init.log" 2>&1
  ./strongroom token create --data-dir "$dir" --user "$email" --scopes "$scopes" --expires 1d "$@" 2>>"$WORK/init.log" | tail -1
}
start_server() { # DIR LOG [--set ...]  -> sets server_pid, base, cert; returns when /actuator/health answers
  local dir="$1" log="$2"; shift 2
  ./strongroom serve --data-dir "$dir" --port "$PORT" --set strongroom.documents.max-size=2GB "$@" >"$log" 2>&1 &
  server_pid=$!
  cert="$dir/tls/server.crt"
  base="https://localhost:$PORT"
  local started; started=$(now)
  until [ -f "$cert" ] && curl -sf --cacert "$cert" -o /dev/null "$base/actuator/health" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { echo "documents.sh: the server exited; log:" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.05
  done
  ready_ms=$(( ($(now) - started) / 1000000 ))
}
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
api() { curl -sS --cacert "$cert" -H "Authorization: Bearer $token" "$@"; }
new_client() {
  api -o /dev/null -w '%header{location}' -H 'Content-Type: application/json' \
    -d '{"status":"ACTIVE","values":{"given_name":"Bench","family_name":"Mark"},"acknowledgeDuplicates":true}' \
    "$base/api/v1/clients" | sed 's#.*/##'
}
# upload FILE [curl options...] -> prints "CODE HTTPVERSION LOCATION NANOS"
upload() {
  local file="$1"; shift
  local t0; t0=$(now)
  local w
  w=$(api "$@" -T "$file" -X POST -H 'Content-Type: application/pdf' -o "$out/upload.json" \
      -w '%{http_code} %{http_version} %header{location}' \
      "$base/api/v1/clients/$client/documents?folder=reports&type=report&fileName=bench.pdf")
  local t1; t1=$(now)
  echo "$w $(( t1 - t0 ))"
}
# download LOCATION FILE [curl options...] -> prints "CODE HTTPVERSION NANOS" (curl + fsync of FILE)
download() {
  local location="$1" file="$2"; shift 2
  rm -f "$file"
  local t0; t0=$(now)
  local w
  w=$(api "$@" -o "$file" -w '%{http_code} %{http_version}' "$base$location/content")
  sync "$file"
  local t1; t1=$(now)
  echo "$w $(( t1 - t0 ))"
}
# the server's CPU time so far (user + system, in clock ticks)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
server_java_bin() { dirname "$(readlink -f "/proc/$server_pid/exe")"; }
# sampling of the server's memory: VmRSS (kB) every 0.2 s, and jstat -gc every 200 ms
sample_start() { # LABEL
  local label; label="$(echo "$1" | tr -c 'A-Za-z0-9\n' '-')"
  ( while [ -r "/proc/$server_pid/status" ]; do
      while read -r key value _; do
        if [ "$key" = VmRSS: ]; then echo "$value"; break; fi
      done <"/proc/$server_pid/status"
      sleep 0.2
    done ) >"$WORK/rss-$label.txt" 2>/dev/null &
  sampler_pid=$!
  cpu_before=$(cpu_ticks)
  "$(server_java_bin)/jstat" -gc "$server_pid" 200 >"$WORK/jstat-$label.txt" 2>/dev/null &
  jstat_pid=$!
  for _ in $(seq 1 100); do [ -s "$WORK/jstat-$label.txt" ] && break; sleep 0.1; done
}
sample_stop() { # LABEL -> detail line with peaks
  local label; label="$(echo "$1" | tr -c 'A-Za-z0-9\n' '-')"
  local cpu; cpu=$(awk -v a="$cpu_before" -v b="$(cpu_ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) / hz }')
  sleep 0.4
  kill "$sampler_pid" "$jstat_pid" 2>/dev/null || true
  wait "$sampler_pid" "$jstat_pid" 2>/dev/null || true
  sampler_pid=""; jstat_pid=""
  local first peak heap
  first=$(head -1 "$WORK/rss-$label.txt")
  peak=$(sort -n "$WORK/rss-$label.txt" | tail -1)
  # heap used = S0U + S1U + EU + OU (kB), from the columns named in jstat's header
  heap=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
              $1 ~ /^[0-9.]+$/ { u = $c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"]; if (u > m) m = u; if (!s) s = u }
              END { printf "%d MiB at start, peak %d MiB", s / 1024, m / 1024 }' "$WORK/jstat-$label.txt")
  detail "during $1: server CPU ${cpu} s (user + system); RSS $(( first / 1024 )) MiB at start, peak $(( peak / 1024 )) MiB ($(wc -l <"$WORK/rss-$label.txt") samples); Java heap used $heap"
}
heap_info() { # LABEL
  { echo "### $1"; "$(server_java_bin)/jcmd" "$server_pid" GC.heap_info 2>&1 | sed 1d; } >>"$WORK/heap-info.txt" || true
}

say "server: init"
data="$WORK/data"
token="$(init_data "$data")"
[ -n "$token" ] || { echo "documents.sh: no token; see $WORK/init.log" >&2; exit 1; }
say "server: start"
start_server "$data" "$WORK/server-1.log"
java_bin="$(server_java_bin)"
detail "JDK: $("$java_bin/java" -version 2>&1 | sed -n 2p) ($java_bin)"
detail "first start: /actuator/health answered after $ready_ms ms"
client="$(new_client)"
[ -n "$client" ] || { echo "documents.sh: could not create the client" >&2; exit 1; }
# measure warm throughput: wait for the start-up warm-up to finish (at most 120 s)
for _ in $(seq 1 1200); do grep -q 'Document encryption warm' "$WORK/server-1.log" && break; sleep 0.1; done
detail "warm-up (first start): $(grep -o 'Document encryption warm.*' "$WORK/server-1.log" || echo 'no log line')"
# a small upload and download so that TLS, Tomcat and the checks have run once
w=$(upload "$files/small.pdf"); loc=$(echo "$w" | cut -d' ' -f3)
download "$loc" "$out/small.dl" >/dev/null
rm -f "$out/small.dl"
heap_info "after start-up and one 50 MiB upload"

# --- 5a. 100 MiB upload, memory -----------------------------------------------------------------
say "5. memory during a $MID_MIB MiB upload"
warm "$files/mid.pdf"
sample_start "the $MID_MIB MiB upload"
w=$(upload "$files/mid.pdf" --http1.1)
sample_stop "the $MID_MIB MiB upload"
read -r code version loc ns <<<"$w"
row "Strongroom upload, HTTP/$version" "$(stat -c %s "$files/mid.pdf")" "$ns" "HTTP $code; $MID_MIB MiB file"

# --- 4. upload and download, 1 GiB --------------------------------------------------------------
say "4. upload and download of $SIZE_MIB MiB"
warm "$big"
state="$(cached "$big")"
sample_start "the $SIZE_MIB MiB upload (HTTP/1.1)"
w=$(upload "$big" --http1.1)
sample_stop "the $SIZE_MIB MiB upload (HTTP/1.1)"
read -r code version loc ns <<<"$w"
row "**Strongroom upload, HTTP/$version**" "$big_bytes" "$ns" "HTTP $code; curl -T; input cached: $state"
heap_info "after the $SIZE_MIB MiB upload"
warm "$big"
sample_start "the $SIZE_MIB MiB upload again (HTTP/1.1)"
w=$(upload "$big" --http1.1)
sample_stop "the $SIZE_MIB MiB upload again (HTTP/1.1)"
read -r code version loc ns <<<"$w"
row "**Strongroom upload, HTTP/$version, again**" "$big_bytes" "$ns" "HTTP $code; the same upload right after the first"
big_loc="$loc"

blob="$(find "$data/documents" -type f -size +$(( SIZE_MIB * 1024 - 1 ))k | head -1)"
detail "stored blob: $(( $(stat -c %s "$blob") / 1048576 )) MiB for a $SIZE_MIB MiB file; page cache holds $(cached "$blob") of it after the upload"
sample_start "the $SIZE_MIB MiB download (HTTP/1.1)"
w=$(download "$big_loc" "$out/big.dl" --http1.1)
sample_stop "the $SIZE_MIB MiB download (HTTP/1.1)"
read -r code version ns <<<"$w"
sha=$(sha256sum "$out/big.dl" | cut -d' ' -f1)
match=$([ "$sha" = "$big_sha" ] && echo "sha256 matches" || echo "SHA256 DIFFERS")
row "**Strongroom download, HTTP/$version**" "$big_bytes" "$ns" "HTTP $code; curl -o + fsync; blob cached; $match"
rm -f "$out/big.dl"

evict "$blob"
w=$(download "$big_loc" "$out/big.dl" --http1.1)
read -r code version ns <<<"$w"
sha=$(sha256sum "$out/big.dl" | cut -d' ' -f1)
match=$([ "$sha" = "$big_sha" ] && echo "sha256 matches" || echo "SHA256 DIFFERS")
row "Strongroom download, HTTP/$version, blob evicted" "$big_bytes" "$ns" "HTTP $code; blob read from disk; $match"
rm -f "$out/big.dl"

warm "$big"
w=$(upload "$big" --http2)
read -r code version loc ns <<<"$w"
row "Strongroom upload, HTTP/$version" "$big_bytes" "$ns" "HTTP $code; curl --http2 -T"
w=$(download "$loc" "$out/big.dl" --http2)
read -r code version ns <<<"$w"
sha=$(sha256sum "$out/big.dl" | cut -d' ' -f1)
match=$([ "$sha" = "$big_sha" ] && echo "sha256 matches" || echo "SHA256 DIFFERS")
row "Strongroom download, HTTP/$version" "$big_bytes" "$ns" "HTTP $code; blob cached; $match"
rm -f "$out/big.dl"

# (curl --data-binary @file, as in the API examples, reads the whole file into curl's memory
# first, and curl 7.88 refuses a 1 GiB file with "out of memory"; -T streams it.)
heap_info "after the $SIZE_MIB MiB transfers"

# --- 6. concurrent uploads ----------------------------------------------------------------------
say "6. $CONC concurrent uploads of $CONC_MIB MiB"
warm "$files/small.pdf"
export cert token base client
sample_start "$CONC concurrent uploads of $CONC_MIB MiB"
t0=$(now)
seq 1 "$CONC" | xargs -P "$CONC" -I{} curl -sS --cacert "$cert" -H "Authorization: Bearer $token" --http1.1 \
  -T "$files/small.pdf" -X POST -H 'Content-Type: application/pdf' -o /dev/null -w '%{http_code} %{time_total}\n' \
  "$base/api/v1/clients/$client/documents?folder=reports&type=report&fileName=bench-{}.pdf" >"$WORK/concurrent.txt" || true
t1=$(now)
sample_stop "$CONC concurrent uploads of $CONC_MIB MiB"
ok=$(grep -c '^201 ' "$WORK/concurrent.txt" || true)
slowest=$(sort -k2 -n "$WORK/concurrent.txt" | tail -1 | cut -d' ' -f2)
fastest=$(sort -k2 -n "$WORK/concurrent.txt" | head -1 | cut -d' ' -f2)
row "$CONC concurrent Strongroom uploads of $CONC_MIB MiB (aggregate)" $(( CONC * $(stat -c %s "$files/small.pdf") )) $(( t1 - t0 )) \
  "$ok of $CONC answered 201; each took $fastest–$slowest s"
heap_info "after the concurrent uploads"
stop_server

# --- 7. first upload after a fresh start --------------------------------------------------------
first_upload() { # LABEL [--set ...]
  local label="$1"; shift
  local log="$WORK/server-$label.log"
  warm "$files/first.pdf"
  start_server "$data" "$log" "$@"
  local w1 w2
  w1=$(upload "$files/first.pdf" --http1.1)
  w2=$(upload "$files/first.pdf" --http1.1)
  local bytes; bytes=$(stat -c %s "$files/first.pdf")
  read -r code version loc ns <<<"$w1"
  row "first upload after a fresh start, $label" "$bytes" "$ns" "HTTP $code; sent as soon as /actuator/health answered ($ready_ms ms after launch)"
  read -r code version loc ns <<<"$w2"
  row "second upload after that start, $label" "$bytes" "$ns" "HTTP $code; right after the first"
  # the warm-up stops by itself after at most 90 s; wait for its log line (when it is on)
  if [ "$#" = 0 ]; then
    for _ in $(seq 1 1200); do grep -q 'Document encryption warm' "$log" && break; sleep 0.1; done
  fi
  detail "log ($label): $(grep -o 'Started StrongroomApplication in [0-9.]* seconds' "$log" || true) at $(grep -o '^[0-9T:.-]*Z' <(grep 'Started StrongroomApplication' "$log") || true); $(grep -o '^[0-9T:.-]*Z' <(grep 'Document encryption warm' "$log") || true) $(grep -o 'Document encryption warm.*' "$log" || echo 'no warm-up log line')"
  stop_server
}
say "7. first upload after a fresh start"
first_upload "warm-up on (default)"
first_upload "warm-up off" --set strongroom.documents.warm-up=false

# --- 8. S3 storage ------------------------------------------------------------------------------
if [ "$S3" = 1 ]; then
  say "8. S3 storage (S3Proxy, filesystem backend)"
  if [ ! -s target/docbench-s3-classpath.txt ] || [ pom.xml -nt target/docbench-s3-classpath.txt ]; then
    mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/docbench-s3-classpath.txt >&2
  fi
  s3port=$(( PORT + 1 ))
  mkdir -p "$WORK/s3/bench"
  cat >"$WORK/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$s3port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-access
s3proxy.credential=bench-secret-not-real
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem-nio2
jclouds.identity=local
jclouds.credential=unused
jclouds.filesystem.basedir=$WORK/s3
EOF
  "$java_bin/java" -Xmx512m -cp "$(cat target/docbench-s3-classpath.txt)" org.gaul.s3proxy.Main \
    --properties "$WORK/s3proxy.properties" >"$WORK/s3proxy.log" 2>&1 &
  s3_pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$s3port/"; do
    kill -0 "$s3_pid" 2>/dev/null || { echo "documents.sh: S3Proxy exited; log:" >&2; tail -20 "$WORK/s3proxy.log" >&2; exit 1; }
    sleep 0.2
  done
  s3set=(--set strongroom.storage.type=s3 --set "strongroom.storage.s3.endpoint=http://127.0.0.1:$s3port"
         --set strongroom.storage.s3.bucket=bench --set strongroom.storage.s3.allow-http=true
         --set strongroom.storage.s3.access-key=bench-access --set strongroom.storage.s3.secret-key=bench-secret-not-real)
  s3data="$WORK/data-s3"
  token="$(init_data "$s3data" "${s3set[@]}")"
  start_server "$s3data" "$WORK/server-s3.log" "${s3set[@]}"
  client="$(new_client)"
  for _ in $(seq 1 1200); do grep -q 'Document encryption warm' "$WORK/server-s3.log" && break; sleep 0.1; done
  warm "$big"
  sample_start "the $SIZE_MIB MiB upload to S3"
  w=$(upload "$big" --http1.1)
  sample_stop "the $SIZE_MIB MiB upload to S3"
  read -r code version loc ns <<<"$w"
  row "Strongroom upload to S3 (S3Proxy), HTTP/$version" "$big_bytes" "$ns" "HTTP $code; S3Proxy on loopback, no fsync"
  sample_start "the $SIZE_MIB MiB download from S3"
  w=$(download "$loc" "$out/big.dl" --http1.1)
  sample_stop "the $SIZE_MIB MiB download from S3"
  read -r code version ns <<<"$w"
  sha=$(sha256sum "$out/big.dl" | cut -d' ' -f1)
  match=$([ "$sha" = "$big_sha" ] && echo "sha256 matches" || echo "SHA256 DIFFERS")
  row "Strongroom download from S3 (S3Proxy), HTTP/$version" "$big_bytes" "$ns" "HTTP $code; $match"
  rm -f "$out/big.dl"
  stop_server
  kill "$s3_pid" 2>/dev/null || true; wait "$s3_pid" 2>/dev/null || true; s3_pid=""
fi

detail "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- report -------------------------------------------------------------------------------------
echo "| measurement | size | time (s) | MB/s | vs plain copy | notes |"
echo "|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r name bytes ns note <<<"$r"
  mbs="$(rate "$bytes" "$ns")"
  vs="$(awk -v a="$mbs" -v b="$copy_rate" 'BEGIN { printf "%d%%", 100 * a / b }')"
  echo "| $name | $(( bytes / 1048576 )) MiB | $(secs "$ns") | $mbs | $vs | $note |"
done
echo
printf -- '- %s\n' "${details[@]}"
echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $(df -T "$WORK" | awk 'NR == 2 { print $2 " on " $1 }') for $WORK"
echo "- jcmd GC.heap_info snapshots: $WORK/heap-info.txt; RSS/jstat samples: $WORK/rss-*.txt, $WORK/jstat-*.txt"
