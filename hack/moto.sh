#!/usr/bin/env bash
# Starts or stops the moto_server peer the AWS client's integration tests talk to.
#   hack/moto.sh start   idempotent; waits until the server answers; prints its URL
#   hack/moto.sh stop    stops the server this script started (by its recorded pid)
#   hack/moto.sh url     prints the URL
# Binds 127.0.0.1 only. Signature checking is on: INITIAL_NO_AUTH_ACTION_COUNT lets exactly the setup
# calls through unauthenticated; tests re-arm it per test with POST /moto-api/reset-auth.
set -euo pipefail
PORT="${MOTO_PORT:-5199}"
CACHE="${KARPENTER_CACHE:-$HOME/.cache/karpenter-swift}/moto"
PIDFILE="$CACHE/moto-$PORT.pid"
LOG="$CACHE/moto-$PORT.log"
URL="http://127.0.0.1:$PORT"

# A listening port means the server is up (this script waits for HTTP answers before returning).
# Deliberately not an HTTP probe: moto counts ordinary requests against INITIAL_NO_AUTH_ACTION_COUNT,
# and its model dump (/moto-api/data.json) gets slow once tests have created many resources.
listening() {
  python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()' \
    "$PORT" >/dev/null 2>&1
}
# Answers over HTTP (used once, right after launching, when the model is empty and the dump is cheap).
healthy() {
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5).read()' \
    "$URL/moto-api/data.json" >/dev/null 2>&1
}

case "${1:-}" in
  start)
    mkdir -p "$CACHE"
    if listening; then echo "$URL"; exit 0; fi
    python3 -c 'import moto.server, flask_cors' 2>/dev/null || python3 -m pip install -q 'moto[server]'
    # The server must not inherit the caller's other descriptors (a test runner waiting for EOF on a
    # pipe would wait for as long as moto runs) nor its blocked signals (Foundation's Process can
    # leave SIGTERM blocked, and `stop` could not end it). Python fixes both before exec'ing moto.
    INITIAL_NO_AUTH_ACTION_COUNT="${INITIAL_NO_AUTH_ACTION_COUNT:-6}" \
    MOTO_RECORDER_FILEPATH="$CACHE/moto-$PORT.recording.jsonl" \
      nohup python3 -c 'import os, signal, sys; os.closerange(3, 65536); signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execvp(sys.executable, [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", sys.argv[1]])' \
      "$PORT" >"$LOG" 2>&1 </dev/null &
    pid=$!
    for _ in $(seq 1 150); do
      # Record the pid only once this server answers, so a launch that lost a race for the port
      # never replaces the pid of the server that won it.
      if healthy; then echo "$pid" >"$PIDFILE"; echo "$URL"; exit 0; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    echo "moto_server did not start on $URL; see $LOG" >&2
    exit 1
    ;;
  stop)
    if [ -f "$PIDFILE" ]; then
      pid="$(cat "$PIDFILE")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$PIDFILE"
    fi
    ;;
  url)
    echo "$URL"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
