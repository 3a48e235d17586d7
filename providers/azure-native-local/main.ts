// Entry point of `pulumi-resource-azure-native` for the local stack (bin/pulumi-resource-azure-native runs it).
// The engine starts it with its own address as argument and reads the gRPC port from stdout (provider/server.js).
import { main } from "@pulumi/pulumi/provider";
import { armEndpointFromEnv, subscriptionIdFromEnv } from "./config";
import { createBridgeProvider } from "./provider";

// Report the azure-native SDK version the program uses, so the engine sees the version it asked for.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require("@pulumi/azure-native/package.json") as { version: string };

const provider = createBridgeProvider(
  {
    armEndpoint: () => armEndpointFromEnv(process.env),
    subscriptionId: subscriptionIdFromEnv(process.env),
  },
  version,
);
void main(provider, process.argv.slice(2));
