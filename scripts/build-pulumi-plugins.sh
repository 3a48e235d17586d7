#!/usr/bin/env bash
# Builds the language plugins that let other Pulumi languages use the dtsx component package, from Go modules only,
# next to the CLI that scripts/build-pulumi-cli.sh installs (~/.pulumi/versions/<version>/bin/):
#
# - pulumi-language-yaml: Pulumi YAML's own language host, github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
#   at the pinned release below, built with the dependency versions of that release's go.mod (pulumi-yaml
#   v1.25.0 does not compile against pkg/v3 v3.248.0: plugin.NewContextWithRoot and schema.NewPluginLoader changed).
#   It runs examples/yaml/ under the real engine.
# - pulumi-language-python: the SDK generator only (scripts/pulumi-codegen-host/), so that
#   `pulumi package gen-sdk components --language python` works. Pulumi's Python host module refuses to download
#   from the module proxy reachable here (403); the generator it calls, pkg/v3/codegen/python, is built at the CLI's
#   own version.
#
# Each binary is rebuilt only when its inputs change (a stamp next to it). Env:
#   PULUMI_VERSION             (default: the @pulumi/pulumi version in package.json)
#   PULUMI_YAML_VERSION        (default below)
#   DTSX_PULUMI_FORCE_BUILD=1  rebuild even when present
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${PULUMI_VERSION:-$(node -p "require('${repo_root}/node_modules/@pulumi/pulumi/package.json').version")}"
# The newest pulumi-yaml release the Go module proxy serves here; it supports `packages:` in Pulumi.yaml (local
# component packages) with the 3.248 engine.
yaml_version="${PULUMI_YAML_VERSION:-1.25.0}"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/dtsx/pulumi-plugins-build"
install_dir="$HOME/.pulumi/versions/${version}/bin"
codegen_src="${repo_root}/scripts/pulumi-codegen-host"

log() { printf '[build-pulumi-plugins] %s\n' "$*" >&2; }

command -v go >/dev/null || {
  log "go is required (Go >= 1.25.11) to build the Pulumi language plugins"
  exit 1
}
mkdir -p "${install_dir}" "${cache_dir}/yaml" "${cache_dir}/codegen/host"
export GOFLAGS="-mod=mod -buildvcs=false" GOMAXPROCS="${GOMAXPROCS:-2}" CGO_ENABLED=0

up_to_date() { # <binary> <stamp>
  [[ "${DTSX_PULUMI_FORCE_BUILD:-0}" != "1" && -x "${install_dir}/$1" ]] || return 1
  [[ "$(cat "${install_dir}/.dtsx-$1-stamp" 2>/dev/null)" == "$2" ]]
}

install_binary() { # <built file> <binary> <stamp>
  install -m 0755 "$1" "${install_dir}/$2"
  printf '%s\n' "$3" >"${install_dir}/.dtsx-$2-stamp"
  log "installed ${install_dir}/$2"
}

yaml_stamp="pulumi-yaml v${yaml_version}"
if up_to_date pulumi-language-yaml "${yaml_stamp}"; then
  log "pulumi-language-yaml v${yaml_version} already in ${install_dir}; skipping build"
else
  cd "${cache_dir}/yaml"
  printf 'module dtsx.local/pulumi-yaml-build\n\ngo 1.25.11\n\nrequire github.com/pulumi/pulumi-yaml v%s\n' \
    "${yaml_version}" >go.mod
  rm -f go.sum
  start=$(date +%s)
  log "building pulumi-language-yaml v${yaml_version}"
  nice -n 10 go build -trimpath -ldflags "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v${yaml_version}" \
    -o out/pulumi-language-yaml github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
  log "pulumi-language-yaml built in $(($(date +%s) - start)) s"
  install_binary out/pulumi-language-yaml pulumi-language-yaml "${yaml_stamp}"
fi

codegen_stamp="pulumi v${version} $(cat "${codegen_src}"/*.go | sha256sum | cut -c1-16)"
if up_to_date pulumi-language-python "${codegen_stamp}"; then
  log "pulumi-language-python (SDK generator) already in ${install_dir}; skipping build"
else
  cd "${cache_dir}/codegen"
  cp "${codegen_src}"/*.go host/
  cat >go.mod <<EOF
module dtsx.local/pulumi-codegen-build

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 v${version}
	github.com/pulumi/pulumi/sdk/v3 v${version}
)
EOF
  start=$(date +%s)
  log "building pulumi-language-python (the SDK generator of pkg/v3/codegen/python v${version})"
  nice -n 10 go build -trimpath \
    -ldflags "-X main.language=python -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}" \
    -o out/pulumi-language-python ./host
  log "pulumi-language-python built in $(($(date +%s) - start)) s"
  install_binary out/pulumi-language-python pulumi-language-python "${codegen_stamp}"
fi
