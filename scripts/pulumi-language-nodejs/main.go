// pulumi-language-nodejs: a small Node.js language host for the Pulumi engine, built from Go modules by
// scripts/build-pulumi-cli.sh (docs/pulumi-local.md).
//
// WHY this exists: Pulumi's own host lives in the module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3,
// which has no tags; the module proxy reachable here refuses every version of it (403), so it cannot be built from
// Go modules. This host speaks the same LanguageRuntime gRPC protocol (sdk/v3 pulumirpc) and drives the same Node.js
// entry points that ship in the npm package @pulumi/pulumi (cmd/run for programs, cmd/run-policy-pack for CrossGuard
// packs), which is all `pulumi preview|up|destroy [--policy-pack]` needs. It implements:
//
//   - Handshake, GetPluginInfo, About, GetRequiredPackages/GetRequiredPlugins (no pre-install: plugins are resolved
//     by the engine when a resource registers, from Pulumi.yaml `plugins` or $PATH), Run, RunPlugin, Cancel.
//   - InstallDependencies, which `pulumi package add|get-schema <dir>` calls for a source plugin (a directory with
//     PulumiPlugin.yaml, e.g. components/): nothing when @pulumi/pulumi already resolves from the directory (the
//     dtsx checkout's node_modules), `npm install` there otherwise, as Pulumi's own host does.
//   - Runtime options from Pulumi.yaml `runtime.options`: typescript (default true), nodeargs, tsconfig.
//
// Everything else answers UNIMPLEMENTED, which the engine treats as "not supported by this host".
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Exit code the Node.js runtime uses after it has already printed a user-actionable message
// (@pulumi/pulumi cmd/run/index.js nodeJSProcessExitedAfterLoggingUserActionableMessage).
const exitCodeAfterUserActionableMessage = 32

func main() {
	// The engine passes its own address as the last positional argument; older engines also passed flags.
	flag.String("tracing", "", "ignored: tracing endpoint")
	flag.String("root", "", "ignored: project root")
	flag.Bool("typescript", true, "ignored: use Pulumi.yaml runtime.options.typescript")
	flag.Parse()

	host := &languageHost{}
	if args := flag.Args(); len(args) > 0 {
		host.engineAddress = args[len(args)-1]
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the RPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: RPC server stopped: %v\n", err)
		os.Exit(1)
	}
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
}

func (h *languageHost) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

func (h *languageHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: strings.TrimPrefix(version.Version, "v")}, nil
}

// GetRequiredPackages reports nothing to pre-install: with automatic plugin acquisition disabled (offline), the
// engine loads each provider when the program first registers one of its resources, looking it up in Pulumi.yaml
// `plugins`, then $PATH (docs/reference/pulumi.md "Running the engine offline"). Reporting azure-native here would make
// the engine look for it in the plugin cache and try to download it.
func (h *languageHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *languageHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *languageHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, status.Errorf(codes.FailedPrecondition, "could not find node on $PATH: %v", err)
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, status.Errorf(codes.Internal, "node --version failed: %v", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
		Metadata:   map[string]string{"languageHost": "dtsx"},
	}, nil
}

func (h *languageHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// InstallDependencies makes a program or plugin directory runnable. Pulumi's host always runs the package manager;
// this one first asks Node whether @pulumi/pulumi already resolves from the directory, so a plugin inside the dtsx
// checkout (whose node_modules sit in a parent directory) is used as it is, without touching any lock file.
func (h *languageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	node, err := exec.LookPath("node")
	if err != nil {
		return status.Errorf(codes.FailedPrecondition, "could not find node on $PATH: %v", err)
	}
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory() //nolint:staticcheck // older engines send only the deprecated field
	}
	if _, err := resolveModule(node, dir, "@pulumi/pulumi"); err == nil {
		return server.Send(&pulumirpc.InstallDependenciesResponse{
			Stdout: []byte(fmt.Sprintf("dependencies of %s already resolve (@pulumi/pulumi found)\n", dir)),
		})
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return status.Errorf(codes.FailedPrecondition, "could not find npm on $PATH: %v", err)
	}
	cmd := exec.CommandContext(server.Context(), npm, "install", "--no-audit", "--no-fund")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if sendErr := server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: out}); sendErr != nil {
		return sendErr
	}
	if err != nil {
		return status.Errorf(codes.Internal, "npm install in %s failed: %v", dir, err)
	}
	return nil
}

// runtimeOptions are the Pulumi.yaml `runtime.options` this host honours.
type runtimeOptions struct {
	typescript bool
	nodeArgs   []string
	tsconfig   string
}

func parseRuntimeOptions(info *pulumirpc.ProgramInfo) runtimeOptions {
	opts := runtimeOptions{typescript: true}
	if info == nil || info.GetOptions() == nil {
		return opts
	}
	values := info.GetOptions().AsMap()
	if v, ok := values["typescript"].(bool); ok {
		opts.typescript = v
	}
	if v, ok := values["nodeargs"].(string); ok {
		opts.nodeArgs = strings.Fields(v)
	}
	if v, ok := values["tsconfig"].(string); ok {
		opts.tsconfig = v
	}
	return opts
}

// resolveModule finds a module of @pulumi/pulumi as Node would from dir, so the program's own SDK copy runs it.
func resolveModule(node, dir, module string) (string, error) {
	cmd := exec.Command(node, "-e", "process.stdout.write(require.resolve(process.argv[1]))", module)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf(
			"could not resolve %s from %s (is @pulumi/pulumi installed? run npm install): %w", module, dir, err)
	}
	return string(out), nil
}

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, status.Errorf(codes.FailedPrecondition, "could not find node on $PATH: %v", err)
	}
	pwd := req.GetPwd()
	if pwd == "" {
		pwd = req.GetInfo().GetProgramDirectory()
	}
	runPath, err := resolveModule(node, pwd, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	opts := parseRuntimeOptions(req.GetInfo())

	args := append([]string{}, opts.nodeArgs...)
	args = append(args, runPath)
	appendFlag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	appendFlag("monitor", req.GetMonitorAddress())
	appendFlag("engine", h.engine())
	appendFlag("organization", req.GetOrganization())
	appendFlag("project", req.GetProject())
	appendFlag("root-directory", req.GetInfo().GetRootDirectory())
	appendFlag("stack", req.GetStack())
	appendFlag("pwd", pwd)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	appendFlag("parallel", fmt.Sprint(req.GetParallel()))
	program := req.GetProgram()
	if program == "" {
		program = "."
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "serializing config: %v", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "serializing secret keys: %v", err)
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
		fmt.Sprintf("PULUMI_NODEJS_TYPESCRIPT=%t", opts.typescript),
	)
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = pwd
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeAfterUserActionableMessage {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// RunPlugin runs a Node.js plugin directory. For a CrossGuard pack (kind "analyzer") this starts
// @pulumi/pulumi/cmd/run-policy-pack from the pack directory, exactly what the removed `pulumi-analyzer-policy`
// shim did (docs/reference/pulumi.md "Running a pack"): `node <run-policy-pack> <engine-address> .`; the pack prints
// its port on stdout.
func (h *languageHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	node, err := exec.LookPath("node")
	if err != nil {
		return status.Errorf(codes.FailedPrecondition, "could not find node on $PATH: %v", err)
	}
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	var entry string
	switch req.GetKind() {
	case "analyzer":
		entry = "@pulumi/pulumi/cmd/run-policy-pack"
	case "resource", "converter", "tool", "":
		entry = "@pulumi/pulumi/cmd/run-plugin"
	default:
		return status.Errorf(codes.InvalidArgument, "plugin kind %q is not supported by this language host", req.GetKind())
	}
	entryPath, err := resolveModule(node, dir, entry)
	if err != nil {
		return status.Error(codes.FailedPrecondition, err.Error())
	}
	opts := parseRuntimeOptions(req.GetInfo())
	args := append([]string{}, opts.nodeArgs...)
	args = append(args, entryPath)
	if req.GetKind() == "analyzer" {
		args = append(args, req.GetArgs()...)
		args = append(args, ".")
	} else {
		// run-plugin takes the program first; what follows becomes the provider's own argv (the engine address).
		args = append(args, dir)
		args = append(args, req.GetArgs()...)
	}

	cmd := exec.CommandContext(server.Context(), node, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), req.GetEnv()...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return status.Errorf(codes.Internal, "starting %s: %v", entry, err)
	}

	var sendMu sync.Mutex
	send := func(resp *pulumirpc.RunPluginResponse) {
		sendMu.Lock()
		defer sendMu.Unlock()
		_ = server.Send(resp)
	}
	var pumps sync.WaitGroup
	pump := func(r io.Reader, wrap func([]byte) *pulumirpc.RunPluginResponse) {
		defer pumps.Done()
		reader := bufio.NewReader(r)
		buf := make([]byte, 32*1024)
		for {
			n, err := reader.Read(buf)
			if n > 0 {
				chunk := append([]byte{}, buf[:n]...)
				send(wrap(chunk))
			}
			if err != nil {
				return
			}
		}
	}
	pumps.Add(2)
	go pump(stdout, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	})
	go pump(stderr, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	})
	pumps.Wait()
	exitCode := int32(0)
	if err := cmd.Wait(); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return status.Errorf(codes.Internal, "waiting for %s: %v", entry, err)
		}
		exitCode = int32(exitErr.ExitCode())
	}
	send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: exitCode}})
	return nil
}
