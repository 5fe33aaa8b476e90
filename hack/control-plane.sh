#!/usr/bin/env bash
# The real Kubernetes control plane used as a test peer: kube-apiserver and kube-scheduler 1.20.2 built
# from Debian 12's `kubernetes` source package with Debian's Go 1.19, on Debian's etcd 3.4.
#
#   hack/control-plane.sh build   build (or reuse) the binaries under $KARPENTER_CACHE
#   hack/control-plane.sh start   start etcd, kube-apiserver, kube-scheduler on 127.0.0.1 (builds first)
#   hack/control-plane.sh stop    stop everything `start` started and remove its run folder
#   hack/control-plane.sh env     print the variables tests read (eval "$(hack/control-plane.sh env)")
#   hack/control-plane.sh restart-apiserver   SIGKILL the API server and start it again (recovery tests)
#
# Everything lives outside the repository: binaries in $KARPENTER_CACHE/control-plane/<version>, the
# running instance in $KARPENTER_CACHE/control-plane/instances/<hash of this checkout's path>, on free
# loopback ports. Nothing is installed system-wide.
set -euo pipefail

KUBE_DEB_VERSION="1.20.5+really1.20.2-1.1+deb12u1"
KUBE_VERSION="v1.20.2"
GO_PACKAGES=(golang-1.19-go golang-1.19-src)
REFLECT2_PACKAGE="golang-github-modern-go-reflect2-dev"
ETCD_PACKAGE="etcd-server"

CACHE="${KARPENTER_CACHE:-$HOME/.cache/karpenter-swift}/control-plane"
BIN_DIR="$CACHE/$KUBE_VERSION/bin"
WORK="$CACHE/work"
APT_DIR="$CACHE/apt"
# One running instance per checkout (worktrees and clones run side by side without stopping each
# other's control plane); override with KARPENTER_CONTROL_PLANE_RUN.
REPO_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN_DIR="${KARPENTER_CONTROL_PLANE_RUN:-$CACHE/instances/$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)}"

log() { printf 'control-plane: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# apt with its own state folders, so deb-src can be enabled without touching the system's configuration.
# The sources are the system's Debian sources with both binary and source types.
private_apt() {
    local system_sources=/etc/apt/sources.list.d/debian.sources
    [ -f "$system_sources" ] || die "no $system_sources to derive the source-package sources from"
    mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/sources.list.d"
    sed -E 's/^Types:.*/Types: deb deb-src/' "$system_sources" > "$APT_DIR/sources.list.d/debian.sources"
    apt-get -q \
        -o Dir::State::Lists="$APT_DIR/lists" \
        -o Dir::Cache="$APT_DIR/cache" \
        -o Dir::Etc::SourceList=/dev/null \
        -o Dir::Etc::SourceParts="$APT_DIR/sources.list.d" \
        -o Debug::NoLocking=1 \
        -o APT::Sandbox::User=root \
        "$@"
}

# Downloads a binary package with the private apt state and unpacks it (no install) into $2.
unpack_deb() {
    local package="$1" into="$2"
    mkdir -p "$WORK/debs" "$into"
    (cd "$WORK/debs" && private_apt download "$package" >/dev/null)
    local deb
    deb=$(ls -t "$WORK/debs/${package}"_*.deb | head -n1)
    dpkg-deb -x "$deb" "$into"
}

build_etcd() {
    [ -x "$BIN_DIR/etcd" ] && return 0
    log "unpacking $ETCD_PACKAGE"
    rm -rf "$WORK/etcd"
    unpack_deb "$ETCD_PACKAGE" "$WORK/etcd"
    install -m 0755 "$WORK/etcd/usr/bin/etcd" "$BIN_DIR/etcd"
}

build() {
    mkdir -p "$BIN_DIR" "$WORK"
    if [ -x "$BIN_DIR/kube-apiserver" ] && [ -x "$BIN_DIR/kube-scheduler" ] && [ -x "$BIN_DIR/etcd" ]; then
        log "reusing $BIN_DIR"
        return 0
    fi
    # Checkouts sharing the cache build one at a time; a waiting one then reuses the result.
    exec 9>"$CACHE/build.lock"
    flock 9
    if [ -x "$BIN_DIR/kube-apiserver" ] && [ -x "$BIN_DIR/kube-scheduler" ] && [ -x "$BIN_DIR/etcd" ]; then
        log "reusing $BIN_DIR (built meanwhile)"
        return 0
    fi
    command -v dpkg-source >/dev/null || die "dpkg-source missing (apt-get install dpkg-dev)"
    log "updating private apt lists"
    private_apt update >/dev/null
    build_etcd

    if [ ! -x "$BIN_DIR/kube-apiserver" ] || [ ! -x "$BIN_DIR/kube-scheduler" ]; then
        local go_root="$WORK/go/usr/lib/go-1.19"
        if [ ! -x "$go_root/bin/go" ]; then
            log "unpacking Go 1.19"
            rm -rf "$WORK/go"
            for p in "${GO_PACKAGES[@]}"; do unpack_deb "$p" "$WORK/go"; done
        fi
        local src="$WORK/kubernetes-$KUBE_DEB_VERSION"
        if [ ! -d "$src" ]; then
            log "fetching source package kubernetes=$KUBE_DEB_VERSION"
            rm -rf "$WORK/source" && mkdir -p "$WORK/source"
            (cd "$WORK/source" && private_apt source --download-only "kubernetes=$KUBE_DEB_VERSION" >/dev/null)
            local dsc
            dsc=$(ls "$WORK"/source/kubernetes_*.dsc | head -n1)
            dpkg-source --no-check -x "$dsc" "$src.partial" >/dev/null
            # reflect2 1.0.1 crashes under Go >= 1.18 (mapiterinit); Debian's 1.0.2 source replaces it.
            rm -rf "$WORK/reflect2"
            unpack_deb "$REFLECT2_PACKAGE" "$WORK/reflect2"
            local vendored="$src.partial/vendor/github.com/modern-go/reflect2"
            rm -rf "$vendored" && mkdir -p "$vendored"
            cp -a "$WORK/reflect2/usr/share/gocode/src/github.com/modern-go/reflect2/." "$vendored/"
            rm -f "$vendored/go.mod" "$vendored/go.sum"
            mv "$src.partial" "$src"
        fi
        # The build copies its outputs with rsync; a stand-in that copies the file is enough.
        mkdir -p "$WORK/shims"
        cat > "$WORK/shims/rsync" <<'SHIM'
#!/bin/sh
for last; do :; done; src=""; for a; do case "$a" in -*) ;; *) [ "$a" = "$last" ] || src="$src $a";; esac; done; cp -a $src "$last"
SHIM
        chmod +x "$WORK/shims/rsync"
        log "building kube-apiserver and kube-scheduler (about 10 minutes cold on 2 cores)"
        (
            cd "$src"
            export GOROOT="$go_root" PATH="$WORK/shims:$go_root/bin:$PATH" GOFLAGS=-mod=vendor GO111MODULE=on
            export GOCACHE="$WORK/gocache" GOPATH="$WORK/gopath" GOTOOLCHAIN=local
            export KUBE_GIT_VERSION="$KUBE_VERSION" KUBE_GIT_TREE_STATE=clean KUBE_GIT_COMMIT=debian
            make WHAT="cmd/kube-apiserver cmd/kube-scheduler"
        )
        install -m 0755 "$src/_output/bin/kube-apiserver" "$BIN_DIR/kube-apiserver"
        install -m 0755 "$src/_output/bin/kube-scheduler" "$BIN_DIR/kube-scheduler"
    fi
    log "built into $BIN_DIR"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts `name` detached in its own session, logging to $RUN_DIR/name.log, and records its PID.
launch() {
    local name="$1"; shift
    setsid "$@" >"$RUN_DIR/$name.log" 2>&1 < /dev/null &
    echo $! > "$RUN_DIR/$name.pid"
}

wait_until() {
    local what="$1" seconds="$2"; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || { log "$what not ready after ${seconds}s; last log lines:"; tail -n 20 "$RUN_DIR/$what.log" >&2 || true; return 1; }
        sleep 0.2
    done
}

make_certificates() {
    local pki="$RUN_DIR/pki"
    mkdir -p "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=karpenter-test-ca" \
        -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
        -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' > "$pki/apiserver.ext"
    openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
        -days 2 -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt" 2>/dev/null
    # A client certificate in system:masters, for tests of mutual TLS.
    openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=karpenter-test-admin" \
        -keyout "$pki/admin.key" -out "$pki/admin.csr" 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' > "$pki/admin.ext"
    openssl x509 -req -in "$pki/admin.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
        -days 2 -extfile "$pki/admin.ext" -out "$pki/admin.crt" 2>/dev/null
    openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
    openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
}

write_kubeconfig() {
    local file="$1" token="$2"
    cat > "$file" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority: $RUN_DIR/pki/ca.crt
users:
- name: user
  user:
    token: $token
contexts:
- name: test
  context: {cluster: test, user: user}
current-context: test
KUBECONFIG
}

apiserver_ready() {
    curl -fsS --cacert "$RUN_DIR/pki/ca.crt" -H "Authorization: Bearer $(cat "$RUN_DIR/admin.token")" \
        "https://127.0.0.1:$APISERVER_PORT/readyz"
}

start_etcd() {
    launch etcd "$BIN_DIR/etcd" --name default --data-dir "$RUN_DIR/etcd-data" \
        --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
        --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
        --initial-cluster "default=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls "http://127.0.0.1:$ETCD_METRICS_PORT"
    wait_until etcd 30 curl -fsS "http://127.0.0.1:$ETCD_PORT/health"
}

# Real-cluster defaults except two test hooks: etcd is never compacted behind the tests' back (they
# compact explicitly), and podtemplates (unused by anything here) bypass the watch cache, so a watch from
# a compacted version reaches etcd and gets its real 410 Expired answer.
start_apiserver() {
    local pki="$RUN_DIR/pki"
    launch kube-apiserver "$BIN_DIR/kube-apiserver" \
        --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
        --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$APISERVER_PORT" --insecure-port 0 \
        --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
        --client-ca-file "$pki/ca.crt" --token-auth-file "$RUN_DIR/tokens.csv" \
        --authorization-mode RBAC \
        --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
        --service-account-issuer https://kubernetes.default.svc --api-audiences https://kubernetes.default.svc \
        --service-cluster-ip-range 10.96.0.0/24 \
        --etcd-compaction-interval 0 --endpoint-reconciler-type none \
        --disable-admission-plugins ServiceAccount \
        --watch-cache=true --profiling=false \
        --watch-cache-sizes podtemplates#0
    wait_until kube-apiserver 90 apiserver_ready
}

start_scheduler() {
    launch kube-scheduler "$BIN_DIR/kube-scheduler" \
        --kubeconfig "$RUN_DIR/scheduler.kubeconfig" \
        --authentication-kubeconfig "$RUN_DIR/scheduler.kubeconfig" \
        --authorization-kubeconfig "$RUN_DIR/scheduler.kubeconfig" \
        --bind-address 127.0.0.1 --secure-port "$SCHEDULER_PORT" --port 0 --leader-elect=false
}

stop_process() {
    local name="$1" pid_file="$RUN_DIR/$1.pid"
    [ -f "$pid_file" ] || return 0
    local pid
    pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
}

load_state() {
    [ -f "$RUN_DIR/state" ] || die "control plane not started (no $RUN_DIR/state)"
    # shellcheck disable=SC1091
    . "$RUN_DIR/state"
}

start() {
    build
    [ ! -f "$RUN_DIR/state" ] || stop
    rm -rf "$RUN_DIR" && mkdir -p "$RUN_DIR"
    trap 'stop' ERR
    ETCD_PORT=$(free_port); ETCD_PEER_PORT=$(free_port); ETCD_METRICS_PORT=$(free_port)
    APISERVER_PORT=$(free_port); SCHEDULER_PORT=$(free_port)
    cat > "$RUN_DIR/state" <<STATE
ETCD_PORT=$ETCD_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
ETCD_METRICS_PORT=$ETCD_METRICS_PORT
APISERVER_PORT=$APISERVER_PORT
SCHEDULER_PORT=$SCHEDULER_PORT
STATE
    make_certificates
    local admin_token scheduler_token
    admin_token=$(openssl rand -hex 24); scheduler_token=$(openssl rand -hex 24)
    printf '%s' "$admin_token" > "$RUN_DIR/admin.token"
    printf '%s,karpenter-test-admin,uid-admin,"system:masters"\n%s,system:kube-scheduler,uid-scheduler\n' \
        "$admin_token" "$scheduler_token" > "$RUN_DIR/tokens.csv"
    chmod 600 "$RUN_DIR/admin.token" "$RUN_DIR/tokens.csv"
    write_kubeconfig "$RUN_DIR/admin.kubeconfig" "$admin_token"
    write_kubeconfig "$RUN_DIR/scheduler.kubeconfig" "$scheduler_token"
    local started=$SECONDS
    start_etcd
    start_apiserver
    start_scheduler
    trap - ERR
    log "ready in $((SECONDS - started))s: https://127.0.0.1:$APISERVER_PORT (run folder $RUN_DIR)"
}

stop() {
    [ -d "$RUN_DIR" ] || return 0
    stop_process kube-scheduler
    stop_process kube-apiserver
    stop_process etcd
    rm -rf "$RUN_DIR"
    log "stopped"
}

# Kills the API server (SIGKILL, like a crash) and starts it again on the same port and etcd; for
# tests proving that watches and informers recover without losing events.
restart_apiserver() {
    load_state
    if [ -f "$RUN_DIR/kube-apiserver.pid" ]; then kill -KILL "$(cat "$RUN_DIR/kube-apiserver.pid")" 2>/dev/null || true; fi
    rm -f "$RUN_DIR/kube-apiserver.pid"
    start_apiserver
}

print_env() {
    load_state
    cat <<ENV
export KARPENTER_TEST_KUBE_SERVER=https://127.0.0.1:$APISERVER_PORT
export KARPENTER_TEST_KUBE_CA_FILE=$RUN_DIR/pki/ca.crt
export KARPENTER_TEST_KUBE_TOKEN_FILE=$RUN_DIR/admin.token
export KARPENTER_TEST_KUBE_CLIENT_CERT=$RUN_DIR/pki/admin.crt
export KARPENTER_TEST_KUBE_CLIENT_KEY=$RUN_DIR/pki/admin.key
export KARPENTER_TEST_KUBECONFIG=$RUN_DIR/admin.kubeconfig
export KARPENTER_TEST_ETCD_ENDPOINT=http://127.0.0.1:$ETCD_PORT
export KARPENTER_TEST_CONTROL_PLANE=$(cd "$(dirname "$0")" && pwd)/control-plane.sh
ENV
}

case "${1:-}" in
    build) build ;;
    start) start ;;
    stop) stop ;;
    env) print_env ;;
    restart-apiserver) restart_apiserver ;;
    *) echo "usage: $0 build|start|stop|env|restart-apiserver" >&2; exit 2 ;;
esac
