#!/usr/bin/env bash
# Installs the Debian packages the functional tests drive for real (Prometheus and promtool).
# Safe to run repeatedly; does nothing when everything is already there.
set -euo pipefail
need=()
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then need+=(prometheus); fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
