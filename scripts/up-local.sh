#!/usr/bin/env bash
# npm run up:local — deploys the local stack (stacks/Pulumi.local.yaml) to the local scheduler with the real Pulumi
# engine: starts the emulator when nothing answers on its HTTP port, then `pulumi up --stack local --yes` on the
# file backend through the local azure-native bridge, and prints the stack outputs. Extra arguments go to
# `pulumi up` (e.g. `npm run up:local -- --policy-pack policies`).
#
#   DTSX_HTTP_PORT     the emulator's HTTP (ARM) port (default 8082); DTSX_ARM_ENDPOINT overrides the whole URL
#   DTSX_STACK         the stack (default local)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pulumi-env.sh"

stack="${DTSX_STACK:-local}"
export DTSX_ARM_ENDPOINT="${DTSX_ARM_ENDPOINT:-http://127.0.0.1:${DTSX_HTTP_PORT:-8082}}"
absolutize_args "$@"

ensure_pulumi_cli
use_local_bridge
source "${repo_root}/scripts/emulator-running.sh"
ensure_emulator "${stack}"

prepare_project "${stack}"
pulumi up --stack "${stack}" --yes --skip-preview ${pulumi_args[@]+"${pulumi_args[@]}"}
pulumi stack output --stack "${stack}" --json
