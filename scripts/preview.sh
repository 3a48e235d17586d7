#!/usr/bin/env bash
# npm run preview -- --stack <name> [pulumi preview flags]: `pulumi preview` with the dtsx policy pack
# (--policy-pack policies), on the local file backend, no cloud credentials.
#
# azure-native's provider plugin cannot be downloaded here; when it is not installed, the local bridge answers the
# preview's check/diff (pure functions, no ARM request) so the program, the components and the policy pack run
# under the real engine. A preview creates nothing, so no emulator is needed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pulumi-env.sh"

stack=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --stack | -s)
      stack="${2:-}"
      shift 2
      ;;
    --stack=*)
      stack="${1#--stack=}"
      shift
      ;;
    *)
      args+=("$1")
      shift
      ;;
  esac
done
if [[ -z "${stack}" ]]; then
  log "--stack <name> is required (one of: $(cd stacks && ls Pulumi.*.yaml | sed 's/Pulumi\.\(.*\)\.yaml/\1/' | paste -sd ' '))"
  exit 2
fi

absolutize_args ${args[@]+"${args[@]}"}
ensure_pulumi_cli
if ! ls "${HOME}"/.pulumi/plugins/resource-azure-native-v* >/dev/null 2>&1; then
  log "azure-native provider plugin not installed: the local bridge answers check/diff for this preview"
  use_local_bridge
fi
prepare_project "${stack}"
pulumi preview --stack "${stack}" --policy-pack "${repo_root}/policies" ${pulumi_args[@]+"${pulumi_args[@]}"}
