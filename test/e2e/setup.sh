#!/usr/bin/env bash
# One-time (cached, idempotent) setup for nianbao's real-editor end-to-end tests.
# Follows /work/shared/recipes/real-vscode-e2e.md. Needs only Debian apt + the npm registry (no GitHub).
#
#   * apt packages (only when missing): chromium ripgrep libkrb5-dev build-essential python3 pkg-config
#     curl neovim fonts-wqy-microhei
#   * code-server 4.99.4 (= VS Code 1.99.3, engines node 20), installed by hand into the cache dir
#   * playwright-core 1.65.1 into the cache dir (drives /usr/bin/chromium; never `playwright install`)
#
# Cache dir: ${NIANBAO_E2E_CACHE:-$HOME/.cache/nianbao-e2e} (outside the repo). A second run is a fast no-op.
# At the end it writes $CACHE/env.sh with NIANBAO_CS_ENTRY / NIANBAO_PW_CORE / NIANBAO_CHROMIUM for the tests.
set -euo pipefail

CS_VERSION=4.99.4
PW_VERSION=1.65.1
APT_PKGS=(chromium ripgrep libkrb5-dev build-essential python3 pkg-config curl neovim fonts-wqy-microhei)

CACHE=${NIANBAO_E2E_CACHE:-${HOME:?HOME is not set}/.cache/nianbao-e2e}
CS_DIR=$CACHE/code-server-$CS_VERSION
CS_MARKER=$CS_DIR/.nianbao-e2e-installed
CS_ENTRY=$CS_DIR/out/node/entry.js
PW_DIR=$CACHE/pw
PW_CORE=$PW_DIR/node_modules/playwright-core
PW_MARKER=$PW_DIR/.nianbao-e2e-installed-$PW_VERSION

export DEBIAN_FRONTEND=noninteractive
export npm_config_nodedir=/usr        # node-gyp: use local headers, never download them from nodejs.org
export npm_config_yes=true            # node-pty's postinstall runs `npx node-gyp ...` (fails with yes=false)
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

# ---------- timing helpers ----------
now() { date +%s.%N; }
T_ALL=$(now)
TIMINGS=()
step() {  # step "label" cmd args...   (runs the command, records and prints its wall time)
  local label=$1; shift
  local t0; t0=$(now)
  echo "==> $label"
  "$@"
  local dt; dt=$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')
  echo "<== $label: ${dt}s"
  TIMINGS+=("$(printf '%-44s %7ss' "$label" "$dt")")
}
report() {
  echo
  echo "---- nianbao e2e setup timings ----"
  local l; for l in "${TIMINGS[@]}"; do echo "  $l"; done
  printf '  %-44s %7ss\n' "total" "$(awk -v a="$T_ALL" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -E "$@"; else
  echo "setup.sh: need root (or sudo) to run: $*" >&2; exit 1; fi; }

# ---------- 0. system packages ----------
pkg_installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]; }
MISSING=()
for p in "${APT_PKGS[@]}"; do pkg_installed "$p" || MISSING+=("$p"); done
apt_install() {
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${MISSING[@]}"
}
if [ ${#MISSING[@]} -gt 0 ]; then
  step "apt install (${MISSING[*]})" apt_install
else
  echo "==> apt packages: all present (${APT_PKGS[*]})"
fi
[ -x /usr/bin/chromium ] || { echo "setup.sh: /usr/bin/chromium missing after apt" >&2; exit 1; }
[ -x /usr/bin/rg ] || { echo "setup.sh: /usr/bin/rg missing after apt" >&2; exit 1; }
command -v node >/dev/null || { echo "setup.sh: node (20.x) is required" >&2; exit 1; }
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" = 20 ] || echo "setup.sh: warning: node $(node -v); code-server $CS_VERSION's engines say node 20" >&2
test -f /usr/include/node/node_version.h || {
  echo "setup.sh: need Node headers in /usr/include/node (nodejs deb / libnode-dev) for offline node-gyp" >&2; exit 1; }

mkdir -p "$CACHE"

# ---------- 1. code-server (installed by hand; see recipe pitfalls 1-5) ----------
cs_pack() {
  rm -rf "$CS_DIR" "$CACHE/pack"
  mkdir -p "$CACHE/pack"
  (cd "$CACHE/pack" && npm pack --silent "code-server@$CS_VERSION" >/dev/null && tar xzf "code-server-$CS_VERSION.tgz")
  mv "$CACHE/pack/package" "$CS_DIR"
  rm -rf "$CACHE/pack"
}
cs_top_deps() { (cd "$CS_DIR" && npm install --omit=dev --ignore-scripts); }
cs_argon2()   { (cd "$CS_DIR" && npm rebuild argon2); }   # node-pre-gyp falls back to a source build
cs_vscode_deps() (
  cd "$CS_DIR/lib/vscode"
  npm install --omit=dev --ignore-scripts
  # @vscode/ripgrep's postinstall downloads rg from GitHub; it skips when bin/ exists -> use Debian's rg
  mkdir -p node_modules/@vscode/ripgrep/bin && cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
)
cs_native_rebuild() { (cd "$CS_DIR/lib/vscode" && npm rebuild); }   # node-pty, spdlog, kerberos, native-watchdog, ...
cs_links() (
  cd "$CS_DIR/lib/vscode"
  ln -sfn node_modules node_modules.asar                 # what code-server's postinstall.sh does
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
)
cs_ext_deps() { (cd "$CS_DIR/lib/vscode/extensions" && npm install --omit=dev); }
cs_check() {
  # every code-server call, even --version, writes config.yaml + data under XDG dirs -> keep them in the cache
  XDG_CONFIG_HOME=$CACHE/xdg/config XDG_DATA_HOME=$CACHE/xdg/data node "$CS_ENTRY" --version
}

if [ -f "$CS_MARKER" ] && [ -f "$CS_ENTRY" ]; then
  echo "==> code-server $CS_VERSION already installed: $CS_DIR"
else
  step "code-server: npm pack + unpack"          cs_pack
  step "code-server: top-level deps"              cs_top_deps
  step "code-server: rebuild argon2"              cs_argon2
  step "code-server: lib/vscode deps + rg"        cs_vscode_deps
  step "code-server: lib/vscode native rebuild"   cs_native_rebuild
  step "code-server: symlinks"                    cs_links
  step "code-server: built-in extensions deps"    cs_ext_deps
  step "code-server: --version check"             cs_check
  date -u +%FT%TZ > "$CS_MARKER"
fi

# ---------- 2. playwright-core (outside the repo's package.json) ----------
pw_install() {
  rm -rf "$PW_DIR"; mkdir -p "$PW_DIR"
  printf '{ "name": "nianbao-e2e-pw", "private": true, "dependencies": { "playwright-core": "%s" } }\n' \
    "$PW_VERSION" > "$PW_DIR/package.json"
  (cd "$PW_DIR" && npm install --omit=dev)
  node -e 'const v=require(process.argv[1]+"/package.json").version; if (v!==process.argv[2]) { console.error("playwright-core "+v); process.exit(1) }' \
    "$PW_CORE" "$PW_VERSION"
}
if [ -f "$PW_MARKER" ] && [ -f "$PW_CORE/package.json" ]; then
  echo "==> playwright-core $PW_VERSION already installed: $PW_CORE"
else
  step "playwright-core $PW_VERSION" pw_install
  date -u +%FT%TZ > "$PW_MARKER"
fi

# ---------- 3. summary ----------
cat > "$CACHE/env.sh" <<ENV
# generated by test/e2e/setup.sh -- source it from e2e runners
export NIANBAO_E2E_CACHE='$CACHE'
export NIANBAO_CS_ENTRY='$CS_ENTRY'
export NIANBAO_PW_CORE='$PW_CORE'
export NIANBAO_CHROMIUM='/usr/bin/chromium'
ENV
report
echo
echo "code-server $CS_VERSION: node $CS_ENTRY   (installed $(cat "$CS_MARKER"))"
echo "playwright-core:        $PW_CORE"
echo "chromium:               /usr/bin/chromium ($(dpkg-query -W -f='${Version}' chromium))"
echo "env file:               $CACHE/env.sh"
