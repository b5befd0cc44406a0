#!/usr/bin/env bash
# Installs what a fresh Debian 12 / Ubuntu machine lacks. Idempotent and quick when all is there.
#   scripts/deps.sh run    build + run the app
#   scripts/deps.sh test   also the test tools (Xvfb, WebKitWebDriver, Chromium, tauri-driver)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}

pkgs=(libwebkit2gtk-4.1-dev build-essential pkg-config fonts-dejavu-core)
[ "$mode" = test ] && pkgs+=(libssl-dev xvfb xauth webkit2gtk-driver chromium poppler-utils pandoc qpdf)
command -v node >/dev/null && command -v npm >/dev/null || pkgs+=(nodejs npm)

missing=$(dpkg-query -W -f='${Status} ${Package}\n' "${pkgs[@]}" 2>&1 | grep -v 'install ok installed' || true)
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "== installing system packages: ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "error: Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

echo "== npm packages (ui/)"
(cd ui && npm ci --no-audit --no-fund --silent)

if [ "$mode" = test ]; then
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  if ! tauri-driver --help >/dev/null 2>&1; then
    echo "== tauri-driver"
    cargo install tauri-driver --version 2.1.0 --locked --quiet
  fi
fi
