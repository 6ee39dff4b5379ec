#!/usr/bin/env bash
# Every test of the project (benchmarks excluded). Runs under scripts/node.sh (Node >= 22, deps installed).
set -euo pipefail
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
step() { echo; echo "=== $*"; }

# The database tests start their own PostgreSQL 15 (Debian's); install it if this machine lacks it.
if [ ! -x "${PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]; then
  echo "installing Debian's PostgreSQL 15 for the database tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15) >/dev/null
fi
# The browser tests use Debian's Chromium (never a downloaded browser), poppler's pdftoppm, and a
# Chinese font so that the zh-CN screenshots show Chinese rather than empty boxes.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdftoppm ] || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  echo "installing Debian's Chromium, poppler-utils and a Chinese font for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-wqy-microhei) >/dev/null
fi

step "contracts: compile; generated ABI and gas snapshot are current"
npx hardhat compile --quiet
node --import tsx scripts/export-abi.ts --check
GAS_CHECK=1 npx hardhat run scripts/gas-snapshot.ts | tail -1 | tee -a "$log"

step "contracts: hardhat test (in-process network)"
npx hardhat test nodejs 2>&1 | tee -a "$log"

step "contracts: invariants fuzzed with random call sequences (hardhat test solidity)"
npx hardhat test solidity 2>&1 | tee -a "$log"

step "packages: unit tests"
npm test --workspaces --if-present 2>&1 | tee -a "$log"

step "second EVM: the chain, indexer and claim submitter integration tests on Hardhat's node (EDR) instead of anvil"
# The same tests, another implementation: it mines only on transactions, answers "finalized" with its head,
# and keeps no state across a restart (the restart test is skipped there). scripts/evm.test.ts runs the
# product itself against it in the next step.
TEST_EVM=hardhat npm test -w @tracemed/chain -w @tracemed/indexer -w @tracemed/indexer-service 2>&1 | tee -a "$log"
TEST_EVM=hardhat npm run test:evm -w @tracemed/verification 2>&1 | tee -a "$log"

step "product: the start command on a real chain and web server"
node --import tsx --test --test-concurrency=1 scripts/*.test.ts 2>&1 | tee -a "$log"

step "end to end: the journey in Chromium through the started product (e2e/)"
# Counted from Playwright's JSON report; a run that ends before its tests (the stack did not
# start, say) counts as one failure.
e2e_json="$(mktemp)"
e2e_status=0
PLAYWRIGHT_JSON_OUTPUT_NAME="$e2e_json" npx playwright test -c e2e 2>&1 | tee -a "$log" || e2e_status=$?
node -e '
  const fs = require("node:fs");
  let r = {};
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch {}
  const s = r.stats ?? {};
  const failed = (s.unexpected ?? 0) + (s.flaky ?? 0);
  const broken = Number(process.argv[2]) !== 0 && failed === 0 ? 1 : 0;
  console.log(`# pass ${s.expected ?? 0}\n# fail ${failed + broken}`);
' "$e2e_json" "$e2e_status" | tee -a "$log"
rm -f "$e2e_json"

# One summary line over every runner: mocha-style "N passing / N failing" and node:test "# pass N / # fail N".
sum() { grep -Eo "$1" "$log" | grep -Eo '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(sum '^ *[0-9]+ passing|^# pass [0-9]+')
failed=$(sum '^ *[0-9]+ failing|^# fail [0-9]+')
echo
echo "all tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
