# Sourced by up-local.sh: finds or starts the local scheduler (`dtsx emulator`) that serves DTSX_ARM_ENDPOINT.

emulator_healthy() {
  node -e '
    fetch(process.argv[1] + "/health", { signal: AbortSignal.timeout(2000) })
      .then((r) => r.json())
      .then((b) => process.exit(b && b.status === "ok" ? 0 : 1), () => process.exit(1));
  ' "${DTSX_ARM_ENDPOINT}"
}

# Starts `dtsx emulator --stack <stack>` in the background (log: .dtsx/emulator.log) unless one already answers.
ensure_emulator() {
  local stack="$1"
  if emulator_healthy; then
    log "emulator already running at ${DTSX_ARM_ENDPOINT}"
    return 0
  fi
  local port="${DTSX_ARM_ENDPOINT##*:}"
  mkdir -p "${repo_root}/.dtsx"
  local grpc_port="${DTSX_GRPC_PORT:-8080}"
  log "starting the emulator (dtsx emulator --stack ${stack} --grpc-port ${grpc_port} --http-port ${port}); log: .dtsx/emulator.log"
  nohup node "${repo_root}/bin/dtsx.js" emulator --stack "${stack}" --stack-dir "${stack_source_dir}" \
    --grpc-port "${grpc_port}" --http-port "${port}" \
    >"${repo_root}/.dtsx/emulator.log" 2>&1 &
  echo $! >"${repo_root}/.dtsx/emulator.pid"
  for _ in $(seq 1 120); do
    if emulator_healthy; then
      log "emulator up (pid $(cat "${repo_root}/.dtsx/emulator.pid")); stop it with: kill \$(cat .dtsx/emulator.pid)"
      return 0
    fi
    sleep 0.5
  done
  log "the emulator did not answer on ${DTSX_ARM_ENDPOINT}/health within 60 s; see .dtsx/emulator.log"
  exit 1
}
