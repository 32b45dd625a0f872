#!/usr/bin/env bash
# Makes a Pulumi CLI available and prints, as its last line, the absolute path of the folder
# that holds `pulumi`, `pulumi-language-nodejs`, `pulumi-language-yaml` and
# `pulumi-resource-pulumi-nodejs`.
#
# A `pulumi` already on PATH is used as it is. Otherwise the CLI is built from the Go module
# proxy (the npm `pulumi` package downloads at run time, which fails offline) through the small
# wrapper modules beside this script, and cached in .cache/pulumi/bin; a second run reuses it.
# The YAML language host is built the same way (its own module: pulumi-yaml pins an older
# pulumi pkg/sdk than the CLI's) unless one is found beside the CLI or on PATH.
#
#   PULUMI_VERSION        CLI version to build (default: the @pulumi/pulumi pinned in the root package.json)
#   PULUMI_CACHE_DIR      cache folder (default: <repo>/.cache/pulumi)
#   ENSURE_PULUMI_BUILD=1 build even when a pulumi is on PATH
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
cache=${PULUMI_CACHE_DIR:-$repo/.cache/pulumi}
bin=$cache/bin
log() { echo "ensure-pulumi: $*" >&2; }
need_go() {
  command -v go >/dev/null 2>&1 || export PATH=$PATH:/usr/local/go/bin
  command -v go >/dev/null 2>&1 || { log "Go is needed to build $1 (looked on PATH and in /usr/local/go/bin)"; exit 1; }
}

yaml_mod=$here/pulumi-language-yaml
yaml_version=$(awk '{ for (i = 1; i < NF; i++) if ($i == "github.com/pulumi/pulumi-yaml") print $(i + 1) }' "$yaml_mod/go.mod")
yaml_stamp_want="$yaml_version $(cat "$yaml_mod/go.mod" "$yaml_mod/go.sum" | sha256sum | cut -c1-16)"

# Builds pulumi-language-yaml into $bin unless the one cached there was built from this module.
# Its own stamp: a new YAML host does not rebuild the CLI, nor a new CLI the YAML host.
ensure_yaml_host() {
  if [ -x "$bin/pulumi-language-yaml" ] && [ "$(cat "$bin/.stamp-yaml" 2>/dev/null)" = "$yaml_stamp_want" ]; then
    return
  fi
  need_go "the Pulumi YAML language host"
  mkdir -p "$bin"
  log "building pulumi-language-yaml $yaml_version from the Go module proxy (first run: 1.5 to 9 minutes more)"
  (cd "$yaml_mod" && GOFLAGS=-mod=mod go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$yaml_version" \
    -o "$bin/pulumi-language-yaml.tmp" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml)
  mv "$bin/pulumi-language-yaml.tmp" "$bin/pulumi-language-yaml"
  echo "$yaml_stamp_want" > "$bin/.stamp-yaml"
}

if [ "${ENSURE_PULUMI_BUILD:-}" != 1 ] && command -v pulumi >/dev/null 2>&1 &&
   [ "$(cd "$(dirname "$(command -v pulumi)")" && pwd)" != "$bin" ]; then
  found=$(cd "$(dirname "$(command -v pulumi)")" && pwd)
  log "using the pulumi on PATH: $found/pulumi ($(pulumi version 2>/dev/null || echo unknown version))"
  if [ -x "$found/pulumi-language-yaml" ] || command -v pulumi-language-yaml >/dev/null 2>&1; then
    echo "$found"
    exit 0
  fi
  # No YAML host there: build (or reuse) ours, and hand out a folder of links to both.
  ensure_yaml_host
  linked=$cache/path-bin
  rm -rf "$linked" && mkdir -p "$linked"
  for file in "$found"/pulumi*; do ln -s "$file" "$linked/"; done
  ln -s "$bin/pulumi-language-yaml" "$linked/pulumi-language-yaml"
  log "with the YAML language host $bin/pulumi-language-yaml, linked together in $linked"
  echo "$linked"
  exit 0
fi

# The SDK the tests run (the root workspace pins it; the provider only declares a peer range).
sdk_version=$(node -p "require('$repo/package.json').devDependencies['@pulumi/pulumi']")
version=v${PULUMI_VERSION:-$sdk_version}
cli_mod=$here/pulumi-cli
host_mod=$here/pulumi-language-nodejs
# The stamp records what the cached binaries were built from; any change rebuilds them.
stamp_want="$version $(cat "$cli_mod/go.mod" "$cli_mod/go.sum" "$host_mod/go.mod" "$host_mod/go.sum" | sha256sum | cut -c1-16)"

if [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-nodejs" ] && [ "$(cat "$bin/.stamp" 2>/dev/null)" = "$stamp_want" ]; then
  log "cached: $bin ($stamp_want)"
else
  need_go "the Pulumi CLI"
  mkdir -p "$bin"
  ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version"
  export GOFLAGS=-mod=mod
  log "building pulumi $version from the Go module proxy (first run: several minutes)"
  (cd "$cli_mod" && go mod edit -require="github.com/pulumi/pulumi/pkg/v3@$version" -require="github.com/pulumi/pulumi/sdk/v3@$version" &&
    go build -trimpath -ldflags "$ldflags" -o "$bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  mv "$bin/pulumi.tmp" "$bin/pulumi"
  # The Node.js language host has its own module since v3.69, which the proxy does not serve;
  # it is built from the last release that kept it inside the sdk/v3 module (see go.mod there).
  log "building pulumi-language-nodejs"
  (cd "$host_mod" && go build -trimpath -ldflags "-s -w" -o "$bin/pulumi-language-nodejs.tmp" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs)
  mv "$bin/pulumi-language-nodejs.tmp" "$bin/pulumi-language-nodejs"
  echo "$stamp_want" > "$bin/.stamp"
fi
ensure_yaml_host

# The dynamic-provider launcher ships in the npm package; it finds @pulumi/pulumi from the
# program's folder, so a copy beside the CLI works for every project under this repo.
launcher=$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs
[ -f "$launcher" ] || { log "run npm ci first: $launcher is missing"; exit 1; }
cp "$launcher" "$bin/pulumi-resource-pulumi-nodejs"
chmod +x "$bin/pulumi-resource-pulumi-nodejs"
echo "$bin"
