#!/usr/bin/env bash
# npm run destroy:local — deletes everything the local stack deployed from the local scheduler (`pulumi destroy`),
# keeping the stack and its (empty) state in the file backend. Needs the emulator running on DTSX_ARM_ENDPOINT.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pulumi-env.sh"

stack="${DTSX_STACK:-local}"
export DTSX_ARM_ENDPOINT="${DTSX_ARM_ENDPOINT:-http://127.0.0.1:${DTSX_HTTP_PORT:-8082}}"
absolutize_args "$@"

ensure_pulumi_cli
use_local_bridge
source "${repo_root}/scripts/emulator-running.sh"
if ! emulator_healthy; then
  log "no emulator answers on ${DTSX_ARM_ENDPOINT}/health; start it (npm start) so destroy can delete its resources"
  exit 1
fi
prepare_project "${stack}"
pulumi destroy --stack "${stack}" --yes --skip-preview ${pulumi_args[@]+"${pulumi_args[@]}"}
