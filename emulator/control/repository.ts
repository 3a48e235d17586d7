// Control-plane persistence: schedulers, retention policies and role assignments, in `control_` tables on the
// emulator's one SQLite database. Task hubs are NOT stored here: they live in the core.
import type Database from "better-sqlite3";
import type { RetentionEntry, RoleAssignmentSpec, SchedulerSpec } from "./validation";

export interface SchedulerRecord {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  spec: SchedulerSpec;
  createdAt: number;
  lastModifiedAt: number;
}

export interface RetentionRecord {
  schedulerName: string;
  entries: RetentionEntry[];
  createdAt: number;
  lastModifiedAt: number;
}

export interface RoleAssignmentRecord {
  name: string;
  /** The scope as first written (ARM id of a scheduler or task hub). */
  scope: string;
  spec: RoleAssignmentSpec;
  createdAt: number;
}

interface SchedulerRow {
  subscription_id: string;
  resource_group: string;
  name: string;
  spec: string;
  created_at: number;
  last_modified_at: number;
}

interface RetentionRow {
  scheduler_name: string;
  entries: string;
  created_at: number;
  last_modified_at: number;
}

interface RoleAssignmentRow {
  name: string;
  scope: string;
  spec: string;
  created_at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS control_schedulers (
  name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  subscription_id TEXT NOT NULL COLLATE NOCASE,
  resource_group TEXT NOT NULL COLLATE NOCASE,
  spec TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS control_retention_policies (
  scheduler_name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  entries TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS control_role_assignments (
  scope_key TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  scope TEXT NOT NULL,
  spec TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope_key, name)
);
`;

function toScheduler(row: SchedulerRow): SchedulerRecord {
  return {
    subscriptionId: row.subscription_id,
    resourceGroup: row.resource_group,
    name: row.name,
    spec: JSON.parse(row.spec) as SchedulerSpec,
    createdAt: row.created_at,
    lastModifiedAt: row.last_modified_at,
  };
}

function toRetention(row: RetentionRow): RetentionRecord {
  return {
    schedulerName: row.scheduler_name,
    entries: JSON.parse(row.entries) as RetentionEntry[],
    createdAt: row.created_at,
    lastModifiedAt: row.last_modified_at,
  };
}

function toRoleAssignment(row: RoleAssignmentRow): RoleAssignmentRecord {
  return {
    name: row.name,
    scope: row.scope,
    spec: JSON.parse(row.spec) as RoleAssignmentSpec,
    createdAt: row.created_at,
  };
}

/** ARM ids compare case-insensitively; role assignment scopes are keyed by their lower-cased id. */
export function scopeKey(scope: string): string {
  return scope.replace(/\/+$/, "").toLowerCase();
}

export class ControlRepository {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  /** Runs `fn` in one transaction, so a refused write leaves nothing behind. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getScheduler(name: string): SchedulerRecord | undefined {
    const row = this.db.prepare("SELECT * FROM control_schedulers WHERE name = ?").get(name) as
      SchedulerRow | undefined;
    return row === undefined ? undefined : toScheduler(row);
  }

  listSchedulers(
    filter: { subscriptionId?: string; resourceGroup?: string } = {},
  ): SchedulerRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM control_schedulers
         WHERE (@subscriptionId IS NULL OR subscription_id = @subscriptionId)
           AND (@resourceGroup IS NULL OR resource_group = @resourceGroup)
         ORDER BY created_at, name`,
      )
      .all({
        subscriptionId: filter.subscriptionId ?? null,
        resourceGroup: filter.resourceGroup ?? null,
      }) as SchedulerRow[];
    return rows.map(toScheduler);
  }

  upsertScheduler(record: SchedulerRecord): void {
    this.db
      .prepare(
        `INSERT INTO control_schedulers (name, subscription_id, resource_group, spec, created_at, last_modified_at)
         VALUES (@name, @subscriptionId, @resourceGroup, @spec, @createdAt, @lastModifiedAt)
         ON CONFLICT(name) DO UPDATE SET spec = excluded.spec, last_modified_at = excluded.last_modified_at`,
      )
      .run({ ...record, spec: JSON.stringify(record.spec) });
  }

  deleteScheduler(name: string): void {
    this.db.prepare("DELETE FROM control_schedulers WHERE name = ?").run(name);
    this.db.prepare("DELETE FROM control_retention_policies WHERE scheduler_name = ?").run(name);
  }

  getRetention(schedulerName: string): RetentionRecord | undefined {
    const row = this.db
      .prepare("SELECT * FROM control_retention_policies WHERE scheduler_name = ?")
      .get(schedulerName) as RetentionRow | undefined;
    return row === undefined ? undefined : toRetention(row);
  }

  upsertRetention(record: RetentionRecord): void {
    this.db
      .prepare(
        `INSERT INTO control_retention_policies (scheduler_name, entries, created_at, last_modified_at)
         VALUES (@schedulerName, @entries, @createdAt, @lastModifiedAt)
         ON CONFLICT(scheduler_name) DO UPDATE SET entries = excluded.entries, last_modified_at = excluded.last_modified_at`,
      )
      .run({ ...record, entries: JSON.stringify(record.entries) });
  }

  deleteRetention(schedulerName: string): boolean {
    return (
      this.db
        .prepare("DELETE FROM control_retention_policies WHERE scheduler_name = ?")
        .run(schedulerName).changes > 0
    );
  }

  getRoleAssignment(scope: string, name: string): RoleAssignmentRecord | undefined {
    const row = this.db
      .prepare("SELECT * FROM control_role_assignments WHERE scope_key = ? AND name = ?")
      .get(scopeKey(scope), name) as RoleAssignmentRow | undefined;
    return row === undefined ? undefined : toRoleAssignment(row);
  }

  /** Assignments exactly at `scope`, or, with `includeChildren`, also at scopes below it. */
  listRoleAssignments(scope?: string, includeChildren = false): RoleAssignmentRecord[] {
    const rows = (
      scope === undefined
        ? this.db.prepare("SELECT * FROM control_role_assignments ORDER BY created_at, name").all()
        : this.db
            .prepare(
              `SELECT * FROM control_role_assignments
               WHERE scope_key = @key OR (@children = 1 AND substr(scope_key, 1, length(@key) + 1) = @key || '/')
               ORDER BY created_at, name`,
            )
            .all({ key: scopeKey(scope), children: includeChildren ? 1 : 0 })
    ) as RoleAssignmentRow[];
    return rows.map(toRoleAssignment);
  }

  insertRoleAssignment(record: RoleAssignmentRecord): void {
    this.db
      .prepare(
        `INSERT INTO control_role_assignments (scope_key, name, scope, spec, created_at)
         VALUES (@scopeKey, @name, @scope, @spec, @createdAt)`,
      )
      .run({
        scopeKey: scopeKey(record.scope),
        name: record.name,
        scope: record.scope,
        spec: JSON.stringify(record.spec),
        createdAt: record.createdAt,
      });
  }

  deleteRoleAssignment(scope: string, name: string): boolean {
    return (
      this.db
        .prepare("DELETE FROM control_role_assignments WHERE scope_key = ? AND name = ?")
        .run(scopeKey(scope), name).changes > 0
    );
  }

  /** Removes every assignment at `scope` and below it (the resource was deleted). */
  deleteRoleAssignmentsUnder(scope: string): void {
    const key = scopeKey(scope);
    this.db
      .prepare(
        "DELETE FROM control_role_assignments WHERE scope_key = @key OR substr(scope_key, 1, length(@key) + 1) = @key || '/'",
      )
      .run({ key });
  }
}
