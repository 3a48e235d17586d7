#!/usr/bin/env bash
# npm run pulumi -- --stack <name> <pulumi arguments>: the source-built CLI in the dtsx environment (file backend,
# local passphrase, no plugin downloads), run in the working project of that stack. With --local-bridge first, the
# local azure-native bridge serves azure-native (as for `up:local`). E.g. `npm run pulumi -- --stack local stack`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pulumi-env.sh"

ensure_pulumi_cli
if [[ "${1:-}" == "--local-bridge" ]]; then
  use_local_bridge
  export DTSX_ARM_ENDPOINT="${DTSX_ARM_ENDPOINT:-http://127.0.0.1:${DTSX_HTTP_PORT:-8082}}"
  shift
fi
if [[ "${1:-}" == "--stack" || "${1:-}" == "-s" ]] && [[ -n "${2:-}" ]]; then
  stack="$2"
  shift 2
  absolutize_args "$@"
  prepare_project "${stack}"
  exec pulumi ${pulumi_args[@]+"${pulumi_args[@]}"} --stack "${stack}"
fi
exec pulumi "$@"
