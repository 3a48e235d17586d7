// The control-plane operations behind the ARM REST surface and the `--stack` topology loader: one implementation,
// so a topology is provisioned exactly as `pulumi up` against ARM would be. Handlers translate
// HTTP to these calls; every refusal is an ArmError; a refused write changes nothing.
import type { Clock } from "../clock";
import { roleDefinitionArmId } from "../auth/roles";
import type { DurableTaskApiVersion } from "./apiVersions";
import { supportsPublicNetworkAccess } from "./apiVersions";
import { armErrors } from "./armErrors";
import type { HubDirectory, HubInfo } from "./hubDirectory";
import {
  type ControlRepository,
  type RetentionRecord,
  type RoleAssignmentRecord,
  type SchedulerRecord,
} from "./repository";
import {
  PROVIDER,
  RETENTION_POLICY_TYPE,
  ROLE_ASSIGNMENT_TYPE,
  SCHEDULER_TYPE,
  TASK_HUB_TYPE,
  parseScope,
  retentionPolicyId,
  roleAssignmentId,
  schedulerId,
  taskHubId,
  type SchedulerRef,
} from "./resourceIds";
import {
  normalizeLocation,
  redundancyState,
  validateResourceName,
  validateRetentionEntries,
  validateRoleAssignmentName,
  type RetentionEntry,
  type RoleAssignmentSpec,
  type SchedulerSpec,
} from "./validation";

export interface QuotaOptions {
  /**
   * Schedulers per (subscription, region); 5, the limit of the older preview wording (docs/reference/limits.md
   * "Scheduler and task hub quotas").
   */
  maxSchedulersPerRegion: number;
  /**
   * Task hubs per scheduler (docs/reference/limits.md "Scheduler and task hub quotas": the scope of the task hub quota
   * is unconfirmed).
   */
  maxTaskHubsPerScheduler: number;
}

export const DEFAULT_QUOTA: QuotaOptions = {
  maxSchedulersPerRegion: 5,
  maxTaskHubsPerScheduler: 25,
};

/** Where the running emulator can be reached; ports are known only after listening, hence functions. */
export interface EndpointUrls {
  /** The gRPC endpoint, e.g. `http://localhost:8080` (the scheduler's `properties.endpoint`). */
  grpcEndpoint(): string;
  /** The HTTP base URL, e.g. `http://localhost:8082` (dashboard, ARM, identity). */
  httpBaseUrl(): string;
}

export interface ControlPlaneOptions {
  repository: ControlRepository;
  hubs: HubDirectory;
  clock: Clock;
  quota?: Partial<QuotaOptions>;
  urls: EndpointUrls;
}

export interface WriteResult<T> {
  resource: T;
  created: boolean;
}

/** `systemData` as ARM common-types define it; the local control plane has no caller identity to record. */
function systemData(createdAt: number, lastModifiedAt: number) {
  return {
    createdBy: "dtsx-emulator",
    createdByType: "Application",
    createdAt: new Date(createdAt).toISOString(),
    lastModifiedBy: "dtsx-emulator",
    lastModifiedByType: "Application",
    lastModifiedAt: new Date(lastModifiedAt).toISOString(),
  };
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export class ControlPlane {
  readonly quota: QuotaOptions;
  private readonly repository: ControlRepository;
  private readonly hubs: HubDirectory;
  private readonly clock: Clock;
  private readonly urls: EndpointUrls;
  private readonly schedulerCache = new Map<string, SchedulerRecord | undefined>();
  private readonly assignmentCache = new Map<string, RoleAssignmentRecord[]>();

  constructor(options: ControlPlaneOptions) {
    this.repository = options.repository;
    this.hubs = options.hubs;
    this.clock = options.clock;
    this.urls = options.urls;
    this.quota = { ...DEFAULT_QUOTA, ...options.quota };
  }

  // ------------------------------------------------------------------ lookups used by auth and retention

  private clearCaches(): void {
    this.schedulerCache.clear();
    this.assignmentCache.clear();
  }

  /** The scheduler record by name (scheduler names are unique in the emulator: each has its own endpoint). */
  findScheduler(name: string): SchedulerRecord | undefined {
    // The CallGuard asks on every RPC: answer from memory, re-read after any scheduler write.
    const key = name.toLowerCase();
    if (!this.schedulerCache.has(key))
      this.schedulerCache.set(key, this.repository.getScheduler(name));
    return this.schedulerCache.get(key);
  }

  listAllSchedulers(): SchedulerRecord[] {
    return this.repository.listSchedulers();
  }

  retentionOf(schedulerName: string): RetentionRecord | undefined {
    return this.repository.getRetention(schedulerName);
  }

  /**
   * Role assignments that apply to a hub: at its scope or at its scheduler's scope (docs/reference/identity.md
   * "Scopes").
   */
  roleAssignmentsFor(scheduler: SchedulerRecord, hub: string): RoleAssignmentRecord[] {
    // Asked on every RPC in entra mode: cached, dropped on any role assignment or resource write.
    const key = `${scheduler.name.toLowerCase()}|${hub.toLowerCase()}`;
    const cached = this.assignmentCache.get(key);
    if (cached !== undefined) return cached;
    const ref = refOf(scheduler);
    const assignments = [
      ...this.repository.listRoleAssignments(schedulerId(ref)),
      ...this.repository.listRoleAssignments(taskHubId(ref, hub)),
    ];
    this.assignmentCache.set(key, assignments);
    return assignments;
  }

  dashboardUrl(hub: string): string {
    // The dashboard serves `/taskhubs/<hub>` on the HTTP port, the path shape of Azure's dashboardUrl
    // (docs/reference/arm.md "Endpoint and dashboard URLs").
    return `${this.urls.httpBaseUrl()}/taskhubs/${encodeURIComponent(hub)}`;
  }

  // ------------------------------------------------------------------ schedulers

  private requireScheduler(ref: SchedulerRef): SchedulerRecord {
    const record = this.repository.getScheduler(ref.scheduler);
    if (
      record === undefined ||
      !sameText(record.subscriptionId, ref.subscriptionId) ||
      !sameText(record.resourceGroup, ref.resourceGroup)
    ) {
      throw armErrors.resourceNotFound(`${SCHEDULER_TYPE}/${ref.scheduler}`, ref.resourceGroup);
    }
    return record;
  }

  /** The scheduler a nested resource's path names, or ParentResourceNotFound. */
  getParentScheduler(ref: SchedulerRef): SchedulerRecord {
    return this.requireParentScheduler(ref);
  }

  private requireParentScheduler(ref: SchedulerRef): SchedulerRecord {
    try {
      return this.requireScheduler(ref);
    } catch {
      throw armErrors.parentResourceNotFound(`${SCHEDULER_TYPE}/${ref.scheduler}`);
    }
  }

  renderScheduler(
    record: SchedulerRecord,
    version: DurableTaskApiVersion,
  ): Record<string, unknown> {
    const { spec } = record;
    const properties: Record<string, unknown> = {
      provisioningState: "Succeeded",
      endpoint: this.urls.grpcEndpoint(),
      ipAllowlist: spec.ipAllowlist,
      sku: { ...spec.sku, redundancyState: redundancyState(spec.sku) },
    };
    if (supportsPublicNetworkAccess(version)) {
      properties.publicNetworkAccess = spec.publicNetworkAccess ?? "Enabled";
      properties.privateEndpointConnections = [];
    }
    return {
      id: schedulerId(refOf(record)),
      name: record.name,
      type: SCHEDULER_TYPE,
      location: spec.location,
      tags: spec.tags,
      systemData: systemData(record.createdAt, record.lastModifiedAt),
      properties,
    };
  }

  getScheduler(ref: SchedulerRef): SchedulerRecord {
    return this.requireScheduler(ref);
  }

  listSchedulers(subscriptionId: string, resourceGroup?: string): SchedulerRecord[] {
    return this.repository.listSchedulers({
      subscriptionId,
      ...(resourceGroup === undefined ? {} : { resourceGroup }),
    });
  }

  /**
   * PUT: create (quota-checked) or replace. Nothing is written when a rule refuses the request. A PUT in an
   * api-version without publicNetworkAccess keeps the stored value rather than resetting it.
   */
  putScheduler(
    ref: SchedulerRef,
    requested: SchedulerSpec,
    version?: DurableTaskApiVersion,
  ): WriteResult<SchedulerRecord> {
    validateResourceName("scheduler", ref.scheduler);
    return this.repository.transaction(() => {
      const existing = this.repository.getScheduler(ref.scheduler);
      const now = this.clock.now();
      const keepPublicNetworkAccess =
        version !== undefined &&
        !supportsPublicNetworkAccess(version) &&
        existing?.spec.publicNetworkAccess !== undefined;
      const spec: SchedulerSpec = keepPublicNetworkAccess
        ? { ...requested, publicNetworkAccess: existing.spec.publicNetworkAccess }
        : requested;
      if (existing !== undefined) {
        if (
          !sameText(existing.subscriptionId, ref.subscriptionId) ||
          !sameText(existing.resourceGroup, ref.resourceGroup)
        ) {
          throw armErrors.nameNotAvailable(
            "SchedulerNameNotAvailable",
            `The scheduler name '${ref.scheduler}' is already in use by '${schedulerId(refOf(existing))}'. Scheduler names are unique within the emulator, as each scheduler has its own endpoint.`,
          );
        }
        if (normalizeLocation(existing.spec.location) !== normalizeLocation(spec.location)) {
          throw armErrors.invalidResourceLocation(
            ref.scheduler,
            ref.resourceGroup,
            existing.spec.location,
            spec.location,
          );
        }
        this.assertRetentionFits(existing.name, spec);
        const updated = { ...existing, spec, lastModifiedAt: now };
        this.repository.upsertScheduler(updated);
        this.clearCaches();
        return { resource: updated, created: false };
      }
      const region = normalizeLocation(spec.location);
      const inRegion = this.repository
        .listSchedulers({ subscriptionId: ref.subscriptionId })
        .filter((s) => normalizeLocation(s.spec.location) === region).length;
      if (inRegion >= this.quota.maxSchedulersPerRegion) {
        throw armErrors.schedulerQuotaExceeded(
          this.quota.maxSchedulersPerRegion,
          region,
          ref.subscriptionId,
        );
      }
      const record: SchedulerRecord = {
        subscriptionId: ref.subscriptionId,
        resourceGroup: ref.resourceGroup,
        name: ref.scheduler,
        spec,
        createdAt: now,
        lastModifiedAt: now,
      };
      this.repository.upsertScheduler(record);
      this.clearCaches();
      return { resource: record, created: true };
    });
  }

  /** PATCH: `next` computes the new spec from the stored one (validation included). */
  patchScheduler(
    ref: SchedulerRef,
    next: (existing: SchedulerSpec) => SchedulerSpec,
  ): SchedulerRecord {
    return this.repository.transaction(() => {
      const existing = this.requireScheduler(ref);
      const spec = next(existing.spec);
      this.assertRetentionFits(existing.name, spec);
      const updated = { ...existing, spec, lastModifiedAt: this.clock.now() };
      this.repository.upsertScheduler(updated);
      this.clearCaches();
      return updated;
    });
  }

  /** A Dedicated → Consumption change must not leave a retention policy beyond Consumption's 30 days. */
  private assertRetentionFits(schedulerName: string, spec: SchedulerSpec): void {
    const retention = this.repository.getRetention(schedulerName);
    if (retention !== undefined) validateRetentionEntries(retention.entries, spec.sku.name);
  }

  /**
   * DELETE: refused while task hubs exist (docs/reference/arm.md "Error codes"). Returns false when nothing existed.
   */
  async deleteScheduler(ref: SchedulerRef): Promise<boolean> {
    let existing: SchedulerRecord;
    try {
      existing = this.requireScheduler(ref);
    } catch {
      return false;
    }
    const hubs = await this.hubs.listHubs(existing.name);
    if (hubs.length > 0) {
      throw armErrors.cannotDeleteResource(
        hubs.map((hub) => `${PROVIDER}/schedulers/${existing.name}/taskhubs/${hub.name}`),
      );
    }
    this.repository.transaction(() => {
      this.repository.deleteRoleAssignmentsUnder(schedulerId(refOf(existing)));
      this.repository.deleteScheduler(existing.name);
    });
    this.clearCaches();
    return true;
  }

  // ------------------------------------------------------------------ task hubs

  renderTaskHub(scheduler: SchedulerRecord, hub: HubInfo): Record<string, unknown> {
    return {
      id: taskHubId(refOf(scheduler), hub.name),
      name: hub.name,
      type: TASK_HUB_TYPE,
      systemData: systemData(hub.createdAt, hub.createdAt),
      properties: { provisioningState: "Succeeded", dashboardUrl: this.dashboardUrl(hub.name) },
    };
  }

  private async requireTaskHub(
    ref: SchedulerRef,
    name: string,
  ): Promise<{ scheduler: SchedulerRecord; hub: HubInfo }> {
    const scheduler = this.requireParentScheduler(ref);
    const hub = await this.hubs.getHub(name);
    if (hub === undefined || !sameText(hub.scheduler, scheduler.name)) {
      throw armErrors.resourceNotFound(
        `${TASK_HUB_TYPE}/${ref.scheduler}/${name}`,
        ref.resourceGroup,
      );
    }
    return { scheduler, hub };
  }

  async getTaskHub(
    ref: SchedulerRef,
    name: string,
  ): Promise<{ scheduler: SchedulerRecord; hub: HubInfo }> {
    return this.requireTaskHub(ref, name);
  }

  async listTaskHubs(ref: SchedulerRef): Promise<{ scheduler: SchedulerRecord; hubs: HubInfo[] }> {
    const scheduler = this.requireParentScheduler(ref);
    return { scheduler, hubs: await this.hubs.listHubs(scheduler.name) };
  }

  async putTaskHub(
    ref: SchedulerRef,
    name: string,
  ): Promise<WriteResult<{ scheduler: SchedulerRecord; hub: HubInfo }>> {
    const scheduler = this.requireParentScheduler(ref);
    validateResourceName("task hub", name);
    const existing = await this.hubs.getHub(name);
    if (existing !== undefined) {
      if (!sameText(existing.scheduler, scheduler.name)) {
        throw armErrors.nameNotAvailable(
          "TaskHubNameNotAvailable",
          `The task hub name '${name}' is already in use by scheduler '${existing.scheduler}'. Task hub names are unique within the emulator: one gRPC endpoint serves every scheduler and the 'taskhub' metadata alone selects the hub.`,
        );
      }
      return { resource: { scheduler, hub: existing }, created: false };
    }
    const count = (await this.hubs.listHubs(scheduler.name)).length;
    if (count >= this.quota.maxTaskHubsPerScheduler) {
      throw armErrors.taskHubQuotaExceeded(this.quota.maxTaskHubsPerScheduler, scheduler.name);
    }
    await this.hubs.createHub(name, { scheduler: scheduler.name });
    const hub = (await this.hubs.getHub(name)) ?? {
      name,
      scheduler: scheduler.name,
      createdAt: this.clock.now(),
    };
    return { resource: { scheduler, hub }, created: true };
  }

  /** DELETE: the core deletes the hub's orchestrations and entities with it. */
  async deleteTaskHub(ref: SchedulerRef, name: string): Promise<boolean> {
    const scheduler = this.requireParentScheduler(ref);
    const hub = await this.hubs.getHub(name);
    if (hub === undefined || !sameText(hub.scheduler, scheduler.name)) return false;
    await this.hubs.deleteHub(name);
    this.repository.deleteRoleAssignmentsUnder(taskHubId(refOf(scheduler), name));
    this.clearCaches();
    return true;
  }

  // ------------------------------------------------------------------ retention policies

  renderRetention(scheduler: SchedulerRecord, record: RetentionRecord): Record<string, unknown> {
    return {
      id: retentionPolicyId(refOf(scheduler)),
      name: "default",
      type: RETENTION_POLICY_TYPE,
      systemData: systemData(record.createdAt, record.lastModifiedAt),
      properties: { provisioningState: "Succeeded", retentionPolicies: record.entries },
    };
  }

  getRetention(ref: SchedulerRef): { scheduler: SchedulerRecord; record: RetentionRecord } {
    const scheduler = this.requireParentScheduler(ref);
    const record = this.repository.getRetention(scheduler.name);
    if (record === undefined) {
      throw armErrors.resourceNotFound(
        `${RETENTION_POLICY_TYPE}/${ref.scheduler}/default`,
        ref.resourceGroup,
      );
    }
    return { scheduler, record };
  }

  /** The scheduler's SKU decides the maximum days, so the body is parsed against it. */
  skuOf(ref: SchedulerRef): SchedulerSpec["sku"]["name"] {
    return this.requireParentScheduler(ref).spec.sku.name;
  }

  putRetention(
    ref: SchedulerRef,
    entries: RetentionEntry[],
  ): WriteResult<{ scheduler: SchedulerRecord; record: RetentionRecord }> {
    const scheduler = this.requireParentScheduler(ref);
    validateRetentionEntries(entries, scheduler.spec.sku.name);
    const now = this.clock.now();
    const existing = this.repository.getRetention(scheduler.name);
    const record: RetentionRecord = {
      schedulerName: scheduler.name,
      entries,
      createdAt: existing?.createdAt ?? now,
      lastModifiedAt: now,
    };
    this.repository.upsertRetention(record);
    return { resource: { scheduler, record }, created: existing === undefined };
  }

  patchRetention(
    ref: SchedulerRef,
    entries: RetentionEntry[],
  ): { scheduler: SchedulerRecord; record: RetentionRecord } {
    this.getRetention(ref);
    return this.putRetention(ref, entries).resource;
  }

  deleteRetention(ref: SchedulerRef): boolean {
    const scheduler = this.requireParentScheduler(ref);
    return this.repository.deleteRetention(scheduler.name);
  }

  // ------------------------------------------------------------------ role assignments (scheduler / hub scopes)

  renderRoleAssignment(record: RoleAssignmentRecord): Record<string, unknown> {
    const parsed = parseScope(record.scope);
    const subscriptionId = parsed?.ref.subscriptionId ?? "00000000-0000-0000-0000-000000000000";
    const at = new Date(record.createdAt).toISOString();
    return {
      id: roleAssignmentId(record.scope, record.name),
      name: record.name,
      type: ROLE_ASSIGNMENT_TYPE,
      properties: {
        roleDefinitionId: roleDefinitionArmId(subscriptionId, record.spec.role),
        principalId: record.spec.principalId,
        principalType: record.spec.principalType,
        scope: record.scope,
        ...(record.spec.description === undefined ? {} : { description: record.spec.description }),
        createdOn: at,
        updatedOn: at,
        createdBy: null,
        updatedBy: null,
      },
    };
  }

  /** The scope must be an existing scheduler, or an existing task hub of it. */
  private async requireScope(scope: string): Promise<string> {
    const parsed = parseScope(scope);
    if (parsed === undefined) {
      throw armErrors.validation(
        `scope: '${scope}' is not a scheduler or task hub id; Durable Task roles are assigned at scheduler or task hub scope.`,
      );
    }
    const scheduler = this.requireScheduler(parsed.ref);
    switch (parsed.kind) {
      case "scheduler":
        return schedulerId(refOf(scheduler));
      case "taskHub": {
        const { hub } = await this.requireTaskHub(parsed.ref, parsed.taskHub);
        return taskHubId(refOf(scheduler), hub.name);
      }
      default: {
        const unreachable: never = parsed;
        return unreachable;
      }
    }
  }

  async putRoleAssignment(
    scope: string,
    name: string,
    spec: RoleAssignmentSpec,
  ): Promise<WriteResult<RoleAssignmentRecord>> {
    validateRoleAssignmentName(name);
    const canonicalScope = await this.requireScope(scope);
    return this.repository.transaction(() => {
      const existing = this.repository.getRoleAssignment(canonicalScope, name);
      if (existing !== undefined) {
        if (existing.spec.role !== spec.role || existing.spec.principalId !== spec.principalId) {
          throw armErrors.roleAssignmentUpdateNotPermitted();
        }
        return { resource: existing, created: false };
      }
      const duplicate = this.repository
        .listRoleAssignments(canonicalScope)
        .find((a) => a.spec.role === spec.role && a.spec.principalId === spec.principalId);
      if (duplicate !== undefined) throw armErrors.roleAssignmentExists(duplicate.name);
      const record: RoleAssignmentRecord = {
        name: name.toLowerCase(),
        scope: canonicalScope,
        spec,
        createdAt: this.clock.now(),
      };
      this.repository.insertRoleAssignment(record);
      this.clearCaches();
      return { resource: record, created: true };
    });
  }

  async getRoleAssignment(scope: string, name: string): Promise<RoleAssignmentRecord> {
    const canonicalScope = await this.requireScope(scope);
    const record = this.repository.getRoleAssignment(canonicalScope, name);
    if (record === undefined) {
      throw armErrors.roleAssignmentNotFound(roleAssignmentId(canonicalScope, name));
    }
    return record;
  }

  /** Assignments at, above (the scheduler of a hub) and below (the hubs of a scheduler) the scope, as ARM lists. */
  async listRoleAssignments(scope: string, atScopeOnly: boolean): Promise<RoleAssignmentRecord[]> {
    const canonicalScope = await this.requireScope(scope);
    const parsed = parseScope(canonicalScope);
    const above =
      parsed?.kind === "taskHub"
        ? this.repository.listRoleAssignments(schedulerId(parsed.ref))
        : [];
    const atAndBelow = this.repository.listRoleAssignments(canonicalScope, !atScopeOnly);
    return [...above, ...atAndBelow];
  }

  async deleteRoleAssignment(
    scope: string,
    name: string,
  ): Promise<RoleAssignmentRecord | undefined> {
    const canonicalScope = await this.requireScope(scope);
    const record = this.repository.getRoleAssignment(canonicalScope, name);
    if (record !== undefined) this.repository.deleteRoleAssignment(canonicalScope, name);
    this.clearCaches();
    return record;
  }
}

export function refOf(record: SchedulerRecord): SchedulerRef {
  return {
    subscriptionId: record.subscriptionId,
    resourceGroup: record.resourceGroup,
    scheduler: record.name,
  };
}
