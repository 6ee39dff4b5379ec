#!/usr/bin/env bash
# Everything `npm run lint` checks; CI runs it before the tests.
set -euo pipefail
echo "== prettier"; npx prettier --check . --log-level warn
echo "== solhint"; npx solhint --max-warnings 0 'contracts/**/*.sol'
echo "== eslint"; npx eslint --max-warnings 0 .
echo "== typecheck"; npx hardhat compile --quiet && npx tsc --noEmit -p . && npx tsc --noEmit -p e2e && npx turbo run typecheck --output-logs=errors-only
echo "lint: all clean"
