# Sourced by the local Pulumi scripts (up-local.sh, destroy-local.sh, preview.sh, pulumi.sh): one place for the
# offline Pulumi environment (docs/pulumi-local.md). Not executable on its own.
#
#   DTSX_PULUMI_STATE      file backend directory (default <repo>/.dtsx/pulumi-state)
#   DTSX_PULUMI_PROJECT    working project directory (default <repo>/.dtsx/pulumi-project), see prepare_project
#   DTSX_STACK_CONFIG_DIR  where the stack files come from (default <repo>/stacks)
#   PULUMI_CONFIG_PASSPHRASE  defaults to "dtsx-local": a LOCAL-ONLY passphrase for the file backend's secrets;
#                          the stacks hold no real secret. Never use it for a stack that does.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pulumi_version="$(node -p "require('${repo_root}/node_modules/@pulumi/pulumi/package.json').version")"
pulumi_bin_dir="${HOME}/.pulumi/versions/${pulumi_version}/bin"
bridge_bin_dir="${repo_root}/providers/azure-native-local/bin"
project_dir="${DTSX_PULUMI_PROJECT:-${repo_root}/.dtsx/pulumi-project}"
stack_source_dir="${DTSX_STACK_CONFIG_DIR:-${repo_root}/stacks}"

log() { printf '[dtsx] %s\n' "$*" >&2; }

# Builds the CLI from Go modules the first time (scripts/build-pulumi-cli.sh skips when it is present).
ensure_pulumi_cli() {
  if [[ ! -x "${pulumi_bin_dir}/pulumi" || ! -x "${pulumi_bin_dir}/pulumi-language-nodejs" ]]; then
    log "no Pulumi CLI ${pulumi_version} in ${pulumi_bin_dir}; building it from Go modules (10-25 min the first time)"
    bash "${repo_root}/scripts/build-pulumi-cli.sh"
  fi
  export PATH="${pulumi_bin_dir}:${PATH}"
}

# Puts the local azure-native bridge first on PATH as `pulumi-resource-azure-native`: local use only.
use_local_bridge() {
  export PATH="${bridge_bin_dir}:${PATH}"
}

# The passphrase secrets provider writes `encryptionsalt:` into the stack file on first use. So that no run ever
# edits stacks/Pulumi.<stack>.yaml, Pulumi runs in a working project directory: Pulumi.yaml copied with `main`
# pointing at the repository's program, and a fresh copy of the stack file that keeps the salt of earlier runs.
prepare_project() {
  local stack="$1"
  local source_file="${stack_source_dir}/Pulumi.${stack}.yaml"
  if [[ ! -f "${source_file}" ]]; then
    log "unknown stack '${stack}': ${source_file} does not exist"
    exit 2
  fi
  mkdir -p "${project_dir}/stacks"
  node -e '
    const fs = require("node:fs"), path = require("node:path"), YAML = require("yaml");
    const [root, out] = process.argv.slice(1);
    const project = YAML.parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));
    project.main = path.resolve(root, project.main ?? ".");
    project.stackConfigDir = "stacks";
    fs.writeFileSync(path.join(out, "Pulumi.yaml"), YAML.stringify(project));
  ' "${repo_root}" "${project_dir}"
  # The copy is re-serialised with the `yaml` package, the parser dtsx itself reads stack files with: Pulumi's Go
  # YAML parser rejects some valid YAML 1.2 (e.g. `[127.0.0.1/32, ::1/128]` in a flow sequence).
  node -e '
    const fs = require("node:fs"), YAML = require("yaml");
    const [source, target] = process.argv.slice(1);
    const doc = YAML.parse(fs.readFileSync(source, "utf8")) ?? {};
    if (fs.existsSync(target) && doc.encryptionsalt === undefined) {
      const previous = YAML.parse(fs.readFileSync(target, "utf8")) ?? {};
      if (previous.encryptionsalt !== undefined) doc.encryptionsalt = previous.encryptionsalt;
    }
    fs.writeFileSync(target, YAML.stringify(doc));
  ' "${source_file}" "${project_dir}/stacks/Pulumi.${stack}.yaml"
  cd "${project_dir}"
  pulumi stack select --create "${stack}" --secrets-provider passphrase >/dev/null
}

# Rewrites the path arguments of --policy-pack / --policy-pack-config / --config-file to absolute paths (relative to
# the repository root, where npm runs the scripts), since Pulumi runs in the working project directory. Result in
# the array `pulumi_args`.
absolutize_args() {
  pulumi_args=()
  local expect_path=""
  for arg in "$@"; do
    if [[ -n "${expect_path}" ]]; then
      [[ "${arg}" == /* ]] || arg="${repo_root}/${arg}"
      expect_path=""
    else
      case "${arg}" in
        --policy-pack | --policy-pack-config | --config-file) expect_path=1 ;;
        --policy-pack=* | --policy-pack-config=* | --config-file=*)
          local value="${arg#*=}"
          [[ "${value}" == /* ]] || arg="${arg%%=*}=${repo_root}/${value}"
          ;;
      esac
    fi
    pulumi_args+=("${arg}")
  done
}

export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://${DTSX_PULUMI_STATE:-${repo_root}/.dtsx/pulumi-state}}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-dtsx-local}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
mkdir -p "${PULUMI_BACKEND_URL#file://}"
cd "${repo_root}"
