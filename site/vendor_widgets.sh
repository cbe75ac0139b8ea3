#!/usr/bin/env bash
# Vendor the ipywidgets embedding JavaScript for the course website (run by `make site`).
#
# Fetches @jupyter-widgets/html-manager and requirejs with `npm pack` into a temporary folder and
# copies the files the page needs into site/widgets_js/ipywidgets/ (git-ignored; Sphinx copies
# site/widgets_js/ into _build/html/_static/). Skipped when the files are already there, so only
# the first build needs the npm registry; later builds are offline.
set -euo pipefail
HTML_MANAGER_VERSION="${HTML_MANAGER_VERSION:-1.0.15}"  # ipywidgets 8 embeds html-manager ^1.0
REQUIREJS_VERSION="${REQUIREJS_VERSION:-2.3.8}"
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/widgets_js/ipywidgets"
if [ -f "$dest/embed-amd.js" ] && [ -f "$dest/require.js" ]; then
	echo "widget JavaScript already vendored in ${dest#"$here/../"}"
	exit 0
fi
if ! command -v npm >/dev/null; then
	echo "WARNING: npm not found: widget snapshots on the site will not render offline" >&2
	echo "(the quizzes still work: they are plain HTML+JS)." >&2
	mkdir -p "$dest"
	exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@jupyter-widgets/html-manager@$HTML_MANAGER_VERSION" \
	"requirejs@$REQUIREJS_VERSION" >/dev/null)
tar -xzf "$work"/jupyter-widgets-html-manager-*.tgz -C "$work"
mkdir -p "$work/requirejs"
tar -xzf "$work"/requirejs-*.tgz -C "$work/requirejs"
rm -rf "$dest"
mkdir -p "$dest"
# embed-amd.js plus the font files it references (no source maps, no other bundles).
find "$work/package/dist" -maxdepth 1 -type f ! -name '*.map' ! -name 'embed.js' \
	! -name 'libembed-amd.js' -exec cp {} "$dest/" \;
cp "$work/requirejs/package/require.js" "$dest/require.js"
cp "$work/package/LICENSE" "$dest/LICENSE.html-manager" 2>/dev/null || true
cp "$work/requirejs/package/LICENSE" "$dest/LICENSE.requirejs" 2>/dev/null || true
echo "vendored html-manager $HTML_MANAGER_VERSION and requirejs $REQUIREJS_VERSION into $dest"
