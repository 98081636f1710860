#!/usr/bin/env bash
# npm run test:e2e — the real-editor tests:
#   1. test/e2e/setup.sh (apt packages when missing, code-server 4.99.4 and playwright-core in the cache)
#   2. build and package nianbao's .vsix (npm run package) and the runner extension (test/e2e/build-runner.mjs)
#   3. node --test: VS Code scenarios (vscode.e2e.mjs), the table view (grid.e2e.mjs), published files (published.e2e.mjs), the whole workspace (workspace.e2e.mjs),
#      the extension-host suite (suite.e2e.mjs), Neovim (neovim.e2e.mjs), the reviewer's HTML page in chromium (review.e2e.mjs), onboarding and encodings (onboard.e2e.mjs)
# Each code-server gets a fresh user-data-dir and extensions-dir under a short run dir in /tmp, is bound to
# 127.0.0.1 and is stopped by its PID. Screenshots, logs and results go to test/e2e/out/ (not committed).
#
#   npm run test:e2e                      # everything
#   npm run test:e2e -- neovim            # only some test files: vscode, grid, published, workspace, suite, neovim, review, onboard
#   NIANBAO_E2E_KEEP=1 npm run test:e2e   # keep the run dir (code-server logs, workspaces) for a look
#   NIANBAO_E2E_DOCS=1 npm run test:e2e   # also copy the README's screenshots into docs/screenshots/
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
T0=$(date +%s.%N)
lap() { awk -v a="$T0" -v b="$(date +%s.%N)" -v m="$1" 'BEGIN{printf "[e2e %6.1fs] %s\n", b-a, m}'; }

bash test/e2e/setup.sh
CACHE=${NIANBAO_E2E_CACHE:-$HOME/.cache/nianbao-e2e}
# shellcheck source=/dev/null
source "$CACHE/env.sh"
lap "setup done"

RUN=$(mktemp -d /tmp/nbe2e.XXXXXX)      # short: code-server's sockets go under $RUN/*/t (≤ 107 chars)
OUT=$ROOT/test/e2e/out
rm -rf "$OUT" && mkdir -p "$OUT"
printf '*\n' > "$OUT/.gitignore"
cleanup() {
  if [ -z "${NIANBAO_E2E_KEEP:-}" ]; then rm -rf "$RUN"; else echo "run dir kept: $RUN"; fi
}
trap cleanup EXIT

FILES=()
for name in ${*:-vscode grid published workspace suite neovim review onboard}; do
  [ -f "test/e2e/$name.e2e.mjs" ] || { echo "no test/e2e/$name.e2e.mjs (use: vscode grid published workspace suite neovim review onboard)" >&2; exit 2; }
  FILES+=("test/e2e/$name.e2e.mjs")
done

# build (dist/ for the CLI and the server) and package the .vsix; the runner extension bundles test/vscode.
# Neovim and the HTML page need dist/ only.
NEEDS_VSIX=
for f in "${FILES[@]}"; do case "$f" in test/e2e/neovim.e2e.mjs|test/e2e/review.e2e.mjs) ;; *) NEEDS_VSIX=1 ;; esac; done
if [ -z "$NEEDS_VSIX" ]; then
  npm run --silent build >"$OUT/package.log" 2>&1 || { cat "$OUT/package.log"; exit 1; }
  lap "built dist/ (Neovim, the HTML page: no .vsix)"
else
  npm run --silent package -- -o "$RUN/nianbao.vsix" >"$OUT/package.log" 2>&1 || { cat "$OUT/package.log"; exit 1; }
  node test/e2e/build-runner.mjs "$RUN/runner-stage" "$RUN/runner.vsix" >>"$OUT/package.log" 2>&1 || { cat "$OUT/package.log"; exit 1; }
  lap "packaged nianbao.vsix ($(du -h "$RUN/nianbao.vsix" | cut -f1)) and the runner extension"
fi

export NIANBAO_E2E_RUN=$RUN NIANBAO_E2E_OUT=$OUT NIANBAO_E2E_VSIX=$RUN/nianbao.vsix NIANBAO_E2E_RUNNER_VSIX=$RUN/runner.vsix
set +e
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=junit --test-reporter-destination="$OUT/junit.xml" "${FILES[@]}"
rc=$?
set -e
lap "tests done (exit $rc)"

# code-server leaves nothing behind: every process started under the run dir is gone
if pgrep -f "$RUN" >/dev/null; then
  echo "processes of this run are still alive:"; pgrep -af "$RUN"; rc=1
fi
if [ "$rc" != 0 ]; then   # keep what code-server and the extension hosts logged (the run dir is removed)
  for d in "$RUN"/*/; do
    [ -f "$d/code-server.log" ] || continue
    n=$(basename "$d"); mkdir -p "$OUT/logs/$n"
    cp "$d/code-server.log" "$OUT/logs/$n/" 2>/dev/null || true
    cp -r "$d/ud/logs" "$OUT/logs/$n/ud-logs" 2>/dev/null || true
  done
  echo "logs: $OUT/logs/"
fi
if [ "$rc" = 0 ] && [ -n "${NIANBAO_E2E_DOCS:-}" ]; then
  mkdir -p docs/screenshots
  for s in squiggle-hover quick-fix outline published-pdf wrong-encoding reopen-encoding fix-on-save markdown-preview workspace-problems workspace-cross-year; do [ -f "$OUT/screenshots/$s.png" ] && cp "$OUT/screenshots/$s.png" docs/screenshots/; done
  ls -l docs/screenshots
fi
echo "screenshots: $OUT/screenshots/"
exit $rc
