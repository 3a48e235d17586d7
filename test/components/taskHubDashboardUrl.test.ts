// The TaskHub's dashboardUrl under mocks: the provider's own `properties.dashboardUrl` when it returns one (the
// local scheduler's ARM API does), else the documented dashboard.durabletask.io entry point.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { armMockResource } from "../../cli/plan/mocks";
import type * as TaskHubComponent from "../../components/taskHub/taskHub";
import { taskHubDashboardUrl } from "../../components/taskHub/connectionString";
import { unwrap } from "../helpers/pulumiMocks";

const ENDPOINT = "http://localhost:8080";
const LOCAL_DASHBOARD = "http://localhost:8082/dashboard/?taskhub=orders";

let component: typeof TaskHubComponent;

beforeAll(async () => {
  const options = { subscriptionId: "00000000-0000-0000-0000-000000000000" };
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        if (!args.custom) return { id: undefined, state: {} };
        const inputs = args.inputs as Record<string, unknown>;
        const result = armMockResource(options, args.type, args.name, inputs);
        // The hub named "orders" comes back with a dashboard URL, as from the local scheduler; others without.
        if (args.type !== "azure-native:durabletask:TaskHub" || inputs["taskHubName"] !== "orders")
          return result;
        const properties = result.state["properties"] as Record<string, unknown>;
        return {
          id: result.id,
          state: { ...result.state, properties: { ...properties, dashboardUrl: LOCAL_DASHBOARD } },
        };
      },
      call: (args) => {
        throw new Error(`no mock for ${args.token}`);
      },
    },
    "dtsx",
    "unit",
    false,
  );
  component = await import("../../components/taskHub/taskHub");
});

const hub = (name: string, taskHubName: string) =>
  new component.TaskHub(name, {
    name: taskHubName,
    resourceGroupName: "rg-dts-local",
    schedulerName: "dts-local",
    schedulerEndpoint: ENDPOINT,
  });

describe("TaskHub dashboardUrl", () => {
  it("is the provider's properties.dashboardUrl when it returns one", async () => {
    expect(await unwrap(hub("with-url", "orders").dashboardUrl)).toBe(LOCAL_DASHBOARD);
  });

  it("falls back to the documented dashboard entry point built from the endpoint", async () => {
    expect(await unwrap(hub("without-url", "billing").dashboardUrl)).toBe(
      "https://dashboard.durabletask.io/?endpoint=http%3A%2F%2Flocalhost%3A8080&taskhub=billing",
    );
  });

  it("treats an empty or absent provider URL as not returned", () => {
    const documented =
      "https://dashboard.durabletask.io/?endpoint=https%3A%2F%2Fs.weu.durabletask.io&taskhub=h1";
    expect(taskHubDashboardUrl("", "https://s.weu.durabletask.io", "h1")).toBe(documented);
    expect(taskHubDashboardUrl(undefined, "https://s.weu.durabletask.io", "h1")).toBe(documented);
    expect(taskHubDashboardUrl(LOCAL_DASHBOARD, "https://s.weu.durabletask.io", "h1")).toBe(
      LOCAL_DASHBOARD,
    );
  });
});
