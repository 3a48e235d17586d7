# Sourced by the local Pulumi scripts (up-local.sh, destroy-local.sh, preview.sh): one place for the offline
# Pulumi environment (docs/pulumi-local.md). Not executable on its own.
#
#   DTSX_PULUMI_STATE    file backend directory (default <repo>/.dtsx/pulumi-state)
#   PULUMI_CONFIG_PASSPHRASE  defaults to "dtsx-local": a LOCAL-ONLY passphrase for the file backend's secrets;
#                        the local stacks hold no real secret. Never use it for a stack that does.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pulumi_version="$(node -p "require('${repo_root}/node_modules/@pulumi/pulumi/package.json').version")"
pulumi_bin_dir="${HOME}/.pulumi/versions/${pulumi_version}/bin"
bridge_bin_dir="${repo_root}/providers/azure-native-local/bin"

log() { printf '[dtsx] %s\n' "$*" >&2; }

# Builds the CLI from Go modules the first time (scripts/build-pulumi-cli.sh skips when it is present).
ensure_pulumi_cli() {
  if [[ ! -x "${pulumi_bin_dir}/pulumi" || ! -x "${pulumi_bin_dir}/pulumi-language-nodejs" ]]; then
    log "no Pulumi CLI ${pulumi_version} in ${pulumi_bin_dir}; building it from Go modules (10-25 min the first time)"
    bash "${repo_root}/scripts/build-pulumi-cli.sh"
  fi
  export PATH="${pulumi_bin_dir}:${PATH}"
}

# Puts the local azure-native bridge first on PATH as `pulumi-resource-azure-native` (issue 7): local stack only.
use_local_bridge() {
  export PATH="${bridge_bin_dir}:${PATH}"
}

export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://${DTSX_PULUMI_STATE:-${repo_root}/.dtsx/pulumi-state}}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-dtsx-local}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
mkdir -p "${PULUMI_BACKEND_URL#file://}"
cd "${repo_root}"
