#!/usr/bin/env bash
# Builds the Pulumi CLI from Go modules and installs it where `npx pulumi` and the Automation
# API look: ~/.pulumi/versions/<version>/bin/. Nothing is downloaded but Go modules from the module proxy.
#
# - The CLI is `github.com/pulumi/pulumi/pkg/v3/cmd/pulumi`, built from a scratch module that requires pkg/v3 and
#   sdk/v3 at the same tag, so pkg's `sdk/v3 => ../sdk` replace is not needed (docs/reference/pulumi.md
#   "Running the engine offline").
# - The nodejs language host module (`github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3`) has no
#   tags and the module proxy reachable here refuses every version of it (403 "This module version is not
#   available", also for pseudo-versions and @latest), so the language host is dtsx's own small implementation in
#   scripts/pulumi-language-nodejs/ (Go, against sdk/v3's pulumirpc), compiled in the same scratch module.
#
# Skips the build when the installed binaries already report the pinned version. Env:
#   PULUMI_VERSION   (default: the @pulumi/pulumi version in package.json)
#   DTSX_PULUMI_FORCE_BUILD=1  rebuild even when present
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${PULUMI_VERSION:-$(node -p "require('${repo_root}/node_modules/@pulumi/pulumi/package.json').version")}"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/dtsx/pulumi-build"
install_dir="$HOME/.pulumi/versions/${version}/bin"
langhost_src="${repo_root}/scripts/pulumi-language-nodejs"
langhost_stamp="$(cat "${langhost_src}"/*.go | sha256sum | cut -c1-16)"

log() { printf '[build-pulumi-cli] %s\n' "$*" >&2; }

installed_ok() {
  [[ -x "${install_dir}/pulumi" && -x "${install_dir}/pulumi-language-nodejs" ]] || return 1
  [[ "$("${install_dir}/pulumi" version 2>/dev/null)" == "v${version}" ]] || return 1
  [[ "$(cat "${install_dir}/.dtsx-langhost-stamp" 2>/dev/null)" == "${langhost_stamp}" ]] || return 1
}

if [[ "${DTSX_PULUMI_FORCE_BUILD:-0}" != "1" ]] && installed_ok; then
  log "pulumi v${version} and pulumi-language-nodejs already in ${install_dir}; skipping build"
  exit 0
fi

command -v go >/dev/null || {
  log "go is required (Go >= 1.25.11) to build the Pulumi CLI"
  exit 1
}

mkdir -p "${cache_dir}/langhost" "${install_dir}"
cd "${cache_dir}"
cp "${langhost_src}"/*.go langhost/

cat >go.mod <<EOF
module dtsx.local/pulumi-build

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 v${version}
	github.com/pulumi/pulumi/sdk/v3 v${version}
)
EOF

export GOFLAGS="-mod=mod -buildvcs=false" GOMAXPROCS="${GOMAXPROCS:-2}" CGO_ENABLED=0
ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}"
tags="osusergo,grpcnotrace"

start=$(date +%s)
log "building pulumi v${version} in ${cache_dir} (GOMAXPROCS=${GOMAXPROCS})"
nice -n 10 go build -trimpath -tags "${tags}" -ldflags "${ldflags}" -o "${cache_dir}/out/pulumi" \
  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
mid=$(date +%s)
log "pulumi built in $((mid - start)) s; building pulumi-language-nodejs"
nice -n 10 go build -trimpath -tags "${tags}" -ldflags "${ldflags}" -o "${cache_dir}/out/pulumi-language-nodejs" \
  ./langhost
end=$(date +%s)
log "pulumi-language-nodejs built in $((end - mid)) s (total $((end - start)) s)"

install -m 0755 "${cache_dir}/out/pulumi" "${cache_dir}/out/pulumi-language-nodejs" "${install_dir}/"
# Dynamic providers (`pulumi-resource-pulumi-nodejs`) ship inside the npm SDK; the real CLI bundles the same script.
if [[ -f "${repo_root}/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" ]]; then
  install -m 0755 "${repo_root}/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "${install_dir}/"
fi
printf '%s\n' "${langhost_stamp}" >"${install_dir}/.dtsx-langhost-stamp"
log "installed into ${install_dir}: $("${install_dir}/pulumi" version)"
