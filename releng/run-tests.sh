#!/bin/sh
# Runs every test of Migration Console on a fresh Debian machine: installs what the tests need
# (a virtual display and GTK 3), starts Xvfb, and runs the full Maven/Tycho build with all test
# suites (OSGi unit and service tests, the kill -9 crash test, the workbench UI test, the
# command-line and launcher tests against the materialized product, and the pre-flight checks
# against the SBS 2003 lab, which the tests start in private network namespaces), then the
# lab test of install path B (a second DC joins and takes the FSMO roles) and the lab variant at
# the Windows 2000 functional level.
set -e
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
. "$ROOT/releng/scripts/common.sh"
mc_find_jdk
# chromium and poppler-utils render the migration report (HTML, PDF); imagemagick's import takes
# the UI tests' screenshots
mc_ensure_packages xvfb xauth libgtk-3-0 chromium poppler-utils imagemagick
"$ROOT/releng/lab/sbs-lab.sh" deps >&2

# a private X display for the UI tests
n=99
while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
trap 'kill $XVFB_PID 2>/dev/null || true' EXIT INT TERM
DISPLAY=":$n"; export DISPLAY
i=0
while [ ! -e "/tmp/.X11-unix/X$n" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

cd "$ROOT"
./mvnw -B clean verify "$@"

# install path B against the lab with a second DC: promotion, FSMO transfer, the 21-day clock
echo "== Lab test: install path B and the FSMO transfer (releng/lab/path-b-fsmo-test.sh) =="
bash "$ROOT/releng/lab/path-b-fsmo-test.sh"

# the source domain at the Windows 2000 functional level (a lab provisioned that way)
echo "== Lab test: functional level 2000 (releng/lab/functional-level-2000-test.sh) =="
bash "$ROOT/releng/lab/functional-level-2000-test.sh"

# step 8's Best Practices Analyzer against NEWDC: healthy, ten planted problems, diff between runs
echo "== Lab test: the Best Practices Analyzer (releng/lab/bpa-lab-test.sh) =="
bash "$ROOT/releng/lab/bpa-lab-test.sh"
