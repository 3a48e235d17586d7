// pulumi-codegen-host: the SDK generator of a Pulumi language host, for `pulumi package gen-sdk --language <lang>`,
// built from Go modules by scripts/build-pulumi-plugins.sh as `pulumi-language-python`
// (docs/pulumi-local.md).
//
// WHY this exists: `pulumi package gen-sdk` asks the language's host to generate the SDK (the LanguageRuntime
// GeneratePackage call, proto/pulumi/language.proto in pulumi/pulumi), but the hosts live in their own Go modules
// (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3 for Python) which the module proxy
// reachable here refuses (403 "This module version is not available"). The generator itself is in
// github.com/pulumi/pulumi/pkg/v3/codegen/python, at the CLI's own version, and is what that host calls. This
// host binds the schema (schema.BindSpec, with the engine's schema loader for referenced packages) and runs that
// generator on it.
//
// It implements Handshake, GetPluginInfo and GeneratePackage. Running programs is not its job: Run, RunPlugin and
// everything else answer UNIMPLEMENTED with a message that says so.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// language is set at build time (-ldflags "-X main.language=python"): the one generator this binary serves.
var language = "python"

func main() {
	// The engine passes its own address as the last positional argument; older engines also passed flags.
	flag.String("tracing", "", "ignored: tracing endpoint")
	flag.String("root", "", "ignored: project root")
	flag.Parse()

	host := &codegenHost{}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-%s: could not start the RPC server: %v\n", language, err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-%s: RPC server stopped: %v\n", language, err)
		os.Exit(1)
	}
}

type codegenHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
}

func (h *codegenHost) Handshake(
	context.Context, *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *codegenHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: strings.TrimPrefix(version.Version, "v")}, nil
}

func (h *codegenHost) Run(context.Context, *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	return nil, status.Errorf(codes.Unimplemented,
		"pulumi-language-%s built by dtsx only generates SDKs (pulumi package gen-sdk); it cannot run %s programs",
		language, language)
}

func (h *codegenHost) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, status.Errorf(codes.Unavailable, "connecting to the engine's schema loader: %v", err)
	}
	defer loader.Close()

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "the package schema is not valid JSON: %v", err)
	}
	pkg, diags, err := schema.BindSpec(spec, schema.NewCachedLoader(loader), schema.ValidationOptions{})
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "binding the package schema: %v", err)
	}
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}

	var files map[string][]byte
	tool := "pulumi-language-" + language
	switch language {
	case "python":
		files, err = pygen.GeneratePackage(tool, pkg, req.GetExtraFiles(), loader)
	default:
		return nil, status.Errorf(codes.Unimplemented, "no generator for language %q", language)
	}
	if err != nil {
		return nil, status.Errorf(codes.Internal, "generating the %s SDK: %v", language, err)
	}
	for name, content := range files {
		path := filepath.Join(req.GetDirectory(), name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, status.Errorf(codes.Internal, "creating %s: %v", filepath.Dir(path), err)
		}
		if err := os.WriteFile(path, content, 0o600); err != nil {
			return nil, status.Errorf(codes.Internal, "writing %s: %v", path, err)
		}
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
}
