#!/usr/bin/env bash
# The whole test suite: installs the Debian packages the functional tests drive, then runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."
./build/install-test-deps.sh
exec dotnet test LlmSecOps.slnx "$@"
