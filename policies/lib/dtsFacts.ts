// The Durable Task Scheduler facts the pack checks against, kept here so that the pack installs and runs on its
// own (`pulumi preview --policy-pack <dir>` from any checkout or a published pack) without the repository's dts/
// folder. They are copies, not a second opinion: test/policies/lib/dtsFacts.test.ts asserts they equal dts/'s.
// Public sources:
// - names: ARM path pattern `^[a-zA-Z0-9-]{3,64}$` of schedulers and task hubs, Azure/azure-rest-api-specs
//   specification/durabletask/resource-manager/Microsoft.DurableTask/DurableTask/stable/2026-02-01/durabletask.json
// - SKU capacity and zone redundancy: https://learn.microsoft.com/azure/azure-functions/durable/durable-task-scheduler/durable-task-scheduler-dedicated-sku
// - retention: https://learn.microsoft.com/azure/azure-functions/durable/durable-task-scheduler/durable-task-scheduler-auto-purge
// - roles: https://learn.microsoft.com/azure/azure-functions/durable/durable-task-scheduler/durable-task-scheduler-identity
// See also docs/reference/limits.md and docs/reference/identity.md.
import ipaddr from "ipaddr.js";

/** Scheduler and task hub names (the ARM path pattern). */
export const RESOURCE_NAME_PATTERN = /^[a-zA-Z0-9-]{3,64}$/;

/** The portal's extra rule: no leading or trailing hyphen. */
export function startsOrEndsWithHyphen(name: string): boolean {
  return name.startsWith("-") || name.endsWith("-");
}

function strictAddress(text: string): boolean {
  // ipaddr.js alone also accepts legacy IPv4 forms ("10.0.0", octal "0177.0.0.1", "2130706433"); a four-part
  // decimal check refuses them, as the components and the emulator do (docs/reference/networking.md).
  return (
    ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(":") && ipaddr.IPv6.isValid(text))
  );
}

/** An IPv4 address in four-part dotted decimal, an IPv6 address, or either with `/<prefix length>`. */
export function isIpRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const validPrefix =
    prefix === undefined || (/^\d{1,3}$/.test(prefix) && ipaddr.isValidCIDR(entry));
  return strictAddress(address) && validPrefix && rest.length === 0;
}

/** A CIDR that admits every address of its family: prefix length 0 (`0.0.0.0/0`, `::/0`). */
export function isOpenToTheInternet(entry: string): boolean {
  const trimmed = entry.trim();
  if (!isIpRange(trimmed) || !trimmed.includes("/")) return false;
  const [, prefixLength] = ipaddr.parseCIDR(trimmed);
  return prefixLength === 0;
}

/** "West Europe", "westeurope" and "WestEurope" are one region. */
export function normalizeRegion(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

export type SkuName = "Consumption" | "Dedicated";

/** Dedicated capacity units: one to three. */
export const DEDICATED_CAPACITIES = [1, 2, 3] as const;

/** Three capacity units give zone redundancy. */
export const ZONE_REDUNDANT_CAPACITY = 3;

export function isDedicatedCapacity(capacity: number): boolean {
  return (DEDICATED_CAPACITIES as readonly number[]).includes(capacity);
}

/** Longest autopurge retention per SKU, in days. */
export const MAX_RETENTION_DAYS: Readonly<Record<SkuName, number>> = {
  Dedicated: 90,
  Consumption: 30,
};

/** The three Durable Task built-in data-plane roles. */
export const DTS_ROLES = {
  contributor: {
    displayName: "Durable Task Data Contributor",
    roleDefinitionGuid: "0ad04412-c4d5-4796-b79c-f76d14c8d402",
  },
  worker: {
    displayName: "Durable Task Worker",
    roleDefinitionGuid: "80d0d6b0-f522-40a4-8886-a5a11720c375",
  },
  reader: {
    displayName: "Durable Task Data Reader",
    roleDefinitionGuid: "d6a5505f-6ebb-45a4-896e-ac8274cfc0ac",
  },
} as const;

export type DtsRole = keyof typeof DTS_ROLES;

export const DTS_ROLE_NAMES = [
  "contributor",
  "worker",
  "reader",
] as const satisfies readonly DtsRole[];

export function dtsRoleOfGuid(guid: string): DtsRole | undefined {
  const lower = guid.toLowerCase();
  return DTS_ROLE_NAMES.find((role) => DTS_ROLES[role].roleDefinitionGuid === lower);
}
