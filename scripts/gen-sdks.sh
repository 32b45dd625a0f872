#!/usr/bin/env bash
# Generates the SDKs (nodejs, python, go, dotnet) into sdk/ with `pulumi package gen-sdk`, reading
# the schema from the provider plugin itself (GetSchema). Run `npm run gen-sdks` after a schema change.
#
# CLI 3.248's gen-sdk asks each language's host to generate code (GeneratePackage). The hosts that
# can be built here do not serve it (docs/languages.md), so this script builds small codegen-only
# hosts (scripts/sdk-codegen) from the Go module proxy, caches them beside the CLI, and puts them
# first on PATH for this run only.
#
#   SDK_OUT   output folder (default: <repo>/sdk); the test generates into a scratch folder.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
out=${SDK_OUT:-$repo/sdk}
log() { echo "gen-sdks: $*" >&2; }

cli=$(bash "$here/ensure-pulumi.sh" | tail -n 1)
codegen=${PULUMI_CACHE_DIR:-$repo/.cache/pulumi}/codegen
src=$here/sdk-codegen
stamp_want=$(cat "$src"/*.go "$src"/go.* "$src"/dotnet/gen.go "$src"/dotnet/go.* | sha256sum | cut -c1-16)
if [ "$(cat "$codegen/.stamp" 2>/dev/null)" != "$stamp_want" ]; then
  command -v go >/dev/null 2>&1 || export PATH=$PATH:/usr/local/go/bin
  log "building the codegen hosts (first run: about a minute)"
  mkdir -p "$codegen"
  (cd "$src" && GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "$codegen/codegen-host" .)
  (cd "$src/dotnet" && GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "$codegen/pulumi-language-dotnet" .)
  for language in nodejs python go; do ln -sf codegen-host "$codegen/pulumi-language-$language"; done
  echo "$stamp_want" > "$codegen/.stamp"
fi

plugin=$repo/provider/bin/pulumi-resource-twilio-serverless
[ -f "$repo/provider/dist/plugin/main.js" ] || { log "run npm run build first"; exit 1; }
mkdir -p "$out"
for language in nodejs python go dotnet; do
  # gen-sdk empties <out>/<language> first; sdk/go.mod (the Go module, kept by hand) sits above it.
  PATH=$codegen:$cli:$PATH PULUMI_SKIP_UPDATE_CHECK=true \
    pulumi package gen-sdk "$plugin" --language "$language" --out "$out" 2>&1 |
    { grep -v "^warning: using pulumi-language-" || true; } >&2
  [ "${PIPESTATUS[0]}" = 0 ] || { log "gen-sdk failed for $language"; exit 1; }
done
log "wrote $out/{nodejs,python,go,dotnet}"
