#!/usr/bin/env bash
# Runs each test of the given mocha files alone (--fgrep on its full title), as `--grep` users do:
# a test that passes only after another ran (shared clocks, shared state) fails here.
# Usage: bash scripts/each-test-alone.sh test/provider/retention.test.ts [more files]
set -uo pipefail
failed=0
log=$(mktemp)
for file in "$@"; do
  titles=$(npx mocha "$file" --dry-run --reporter json 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{for(const t of JSON.parse(s).tests)console.log(t.fullTitle)})')
  while IFS= read -r title; do
    [ -z "$title" ] && continue
    if npx mocha "$file" --fgrep "$title" >"$log" 2>&1 && grep -q " 1 passing" "$log"; then
      echo "pass  $title"
    else
      echo "FAIL  $title"
      failed=1
    fi
  done <<<"$titles"
done
rm -f "$log"
exit $failed
