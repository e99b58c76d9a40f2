#!/bin/sh
# ci-fuzz.sh - a short run of every fuzz target on its corpus, so that CI
# catches a parser regression; the long runs are `make fuzz FUZZ_SECONDS=600`.
set -e
cd "$(dirname "$0")/../.."
make fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-20}"
