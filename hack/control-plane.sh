#!/usr/bin/env bash
# The real Kubernetes control plane used as a test peer: kube-apiserver and kube-scheduler 1.20.2 built
# from Debian 12's `kubernetes` source package with Debian's Go 1.19, on Debian's etcd 3.4.
#
#   hack/control-plane.sh build   build (or reuse) the binaries under $KARPENTER_CACHE
#   hack/control-plane.sh start   start etcd, kube-apiserver, kube-scheduler on 127.0.0.1 (builds first)
#   hack/control-plane.sh stop    stop everything `start` started and remove its run folder
#   hack/control-plane.sh env     print the variables tests read (eval "$(hack/control-plane.sh env)")
#
# Everything lives outside the repository: binaries in $KARPENTER_CACHE/control-plane/<version>, the
# running instance in $KARPENTER_CACHE/control-plane/run. Nothing is installed system-wide.
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
RUN_DIR="$CACHE/run"

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

case "${1:-}" in
    build) build ;;
    *) echo "usage: $0 build|start|stop|env" >&2; exit 2 ;;
esac
