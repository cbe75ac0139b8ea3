#!/usr/bin/env bash
# Vendor axe-core (the accessibility checker the browser tests inject into every page) from npm.
#
# `npm pack axe-core@VERSION` into a temporary folder, then axe.min.js and its licence go to
# .cache/axe-core/ (git-ignored). Skipped when the file is there, so only the first run needs
# the npm registry. Run by `make browser` / `make test`; the tests read $SMALLSTATE_AXE_JS.
set -euo pipefail
AXE_VERSION="${AXE_VERSION:-4.14.1}"
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/.cache/axe-core"
if [ -f "$dest/axe.min.js" ] && [ "$(cat "$dest/VERSION" 2>/dev/null)" = "$AXE_VERSION" ]; then
	echo "axe-core $AXE_VERSION already vendored in .cache/axe-core"
	exit 0
fi
if ! command -v npm >/dev/null; then
	echo "WARNING: npm not found: the accessibility checks cannot run (install node/npm)" >&2
	exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$AXE_VERSION" >/dev/null)
tar -xzf "$work"/axe-core-*.tgz -C "$work"
mkdir -p "$dest"
cp "$work/package/axe.min.js" "$dest/axe.min.js"
cp "$work/package/LICENSE" "$dest/LICENSE" 2>/dev/null || true
echo "$AXE_VERSION" > "$dest/VERSION"
echo "vendored axe-core $AXE_VERSION into .cache/axe-core"
