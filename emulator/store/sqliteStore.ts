// The one Store implementation: better-sqlite3 over a file (`<dataDir>/dtsx.db`) or `:memory:` — the same code
// for both, as durabletask-go and Temporal do. WAL + synchronous=NORMAL: a commit is durable
// against a process crash (SIGKILL) as soon as it returns; only an OS crash / power loss can lose the last
// transactions (SQLite docs, "WAL mode ... synchronous=NORMAL"). That is the emulator's documented tradeoff.
import BetterSqlite3, { type Database, type Statement } from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { SCHEMA_SQL, SCHEMA_VERSION } from "./schema";
import type {
  ActivityRow,
  CommitResult,
  EntityRow,
  HubRow,
  InboxRow,
  InstanceFilter,
  InstancePage,
  InstanceRow,
  Store,
  StoreBatch,
} from "./store";

export interface SqliteStoreOptions {
  /** `":memory:"` or a data directory in which `dtsx.db` lives (created if missing). */
  location: { inMemory: true } | { dataDir: string };
}

interface InstanceRecord {
  hub: string;
  instance_id: string;
  execution_id: string;
  name: string;
  version: string | null;
  status: number;
  created_at: number;
  last_updated_at: number;
  completed_at: number | null;
  scheduled_start_at: number | null;
  input: string | null;
  output: string | null;
  custom_status: string | null;
  failure_details: Buffer | null;
  parent_instance_id: string | null;
  tags: string | null;
}

const TERMINAL_STATUSES_SQL = "(1, 3, 4, 5)";

/** The database file inside a data directory. */
export function databasePath(dataDir: string): string {
  return join(dataDir, "dtsx.db");
}

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  let database: Database;
  if ("inMemory" in options.location) {
    database = new BetterSqlite3(":memory:");
  } else {
    mkdirSync(options.location.dataDir, { recursive: true });
    database = new BetterSqlite3(databasePath(options.location.dataDir));
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    // Checkpoint (which fsyncs) every ~40 MB of WAL instead of 4 MB: ~30 % cheaper commits under load; the WAL is
    // checkpointed and truncated on a clean close anyway.
    database.pragma("wal_autocheckpoint = 10000");
  }
  database.pragma("foreign_keys = OFF");
  database.pragma("cache_size = -32000");
  const version = database.pragma("user_version", { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    database.close();
    throw new Error(
      `database schema version ${version} is newer than this emulator supports (${SCHEMA_VERSION})`,
    );
  }
  database.exec(SCHEMA_SQL);
  database.pragma(`user_version = ${SCHEMA_VERSION}`);
  return new SqliteStore(database);
}

function toInstanceRow(record: InstanceRecord): InstanceRow {
  return {
    hub: record.hub,
    instanceId: record.instance_id,
    executionId: record.execution_id,
    name: record.name,
    version: record.version,
    status: record.status,
    createdAt: record.created_at,
    lastUpdatedAt: record.last_updated_at,
    completedAt: record.completed_at,
    scheduledStartAt: record.scheduled_start_at,
    input: record.input,
    output: record.output,
    customStatus: record.custom_status,
    failureDetails: record.failure_details ? new Uint8Array(record.failure_details) : null,
    parentInstanceId: record.parent_instance_id,
    tags: record.tags === null ? null : (JSON.parse(record.tags) as Record<string, string>),
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Builds a WHERE clause for an instance filter; values are always bound, never interpolated. */
function filterClause(hub: string, filter: InstanceFilter): { sql: string; params: unknown[] } {
  const clauses = ["hub = ?"];
  const params: unknown[] = [hub];
  if (filter.statuses && filter.statuses.length > 0) {
    clauses.push(`status IN (${filter.statuses.map(() => "?").join(", ")})`);
    params.push(...filter.statuses);
  }
  if (filter.createdFrom !== undefined) {
    clauses.push("created_at >= ?");
    params.push(filter.createdFrom);
  }
  if (filter.createdTo !== undefined) {
    clauses.push("created_at < ?");
    params.push(filter.createdTo);
  }
  if (filter.completedFrom !== undefined) {
    clauses.push("completed_at >= ?");
    params.push(filter.completedFrom);
  }
  if (filter.completedTo !== undefined) {
    clauses.push("completed_at < ?");
    params.push(filter.completedTo);
  }
  if (filter.instanceIdPrefix) {
    clauses.push("instance_id LIKE ? ESCAPE '\\'");
    params.push(`${escapeLike(filter.instanceIdPrefix)}%`);
  }
  if (filter.name) {
    clauses.push("name = ?");
    params.push(filter.name);
  }
  if (filter.parentInstanceId) {
    clauses.push("parent_instance_id = ?");
    params.push(filter.parentInstanceId);
  }
  if (filter.text) {
    const pattern = `%${escapeLike(filter.text.toLowerCase())}%`;
    clauses.push(
      "(lower(instance_id) LIKE ? ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\' OR lower(coalesce(custom_status, '')) LIKE ? ESCAPE '\\')",
    );
    params.push(pattern, pattern, pattern);
  }
  if (filter.tag) {
    // The key is compared as a value, never spliced into a JSON path: a key with `"` or a trailing `\\` would
    // make a malformed path, which SQLite rejects as an error rather than a non-match.
    if (filter.tag.value === undefined) {
      clauses.push("tags IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(tags) WHERE key = ?)");
      params.push(filter.tag.key);
    } else {
      clauses.push(
        "tags IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(tags) WHERE key = ? AND value = ?)",
      );
      params.push(filter.tag.key, filter.tag.value);
    }
  }
  return { sql: clauses.join(" AND "), params };
}

export class SqliteStore implements Store {
  private readonly statements: {
    listHubs: Statement;
    insertHub: Statement;
    getInstance: Statement;
    upsertInstance: Statement;
    deleteInstance: Statement;
    deleteHistory: Statement;
    deleteInboxOfInstance: Statement;
    deleteActivitiesOfInstance: Statement;
    readHistory: Statement;
    insertHistory: Statement;
    insertInbox: Statement;
    deleteInbox: Statement;
    delayInbox: Statement;
    insertActivity: Statement;
    deleteActivity: Statement;
    upsertEntity: Statement;
    deleteEntity: Statement;
    getEntity: Statement;
  };
  private readonly commitTransaction: (batches: StoreBatch[]) => void;
  private readonly deleteHubTransaction: (name: string) => boolean;
  private closed = false;
  private nextInboxId: number;
  private nextActivityId: number;
  private pending: StoreBatch[] = [];
  /** `instanceKey`s of the instance rows the pending batches upsert or delete (see `getInstance`). */
  private readonly pendingInstanceKeys = new Set<string>();
  private readonly assigned = new Map<StoreBatch, CommitResult>();
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushScheduled = false;

  constructor(readonly database: Database) {
    const db = database;
    this.statements = {
      listHubs: db.prepare(
        "SELECT name, scheduler, created_at AS createdAt FROM hubs ORDER BY name",
      ),
      insertHub: db.prepare("INSERT INTO hubs (name, scheduler, created_at) VALUES (?, ?, ?)"),
      getInstance: db.prepare("SELECT * FROM instances WHERE hub = ? AND instance_id = ?"),
      upsertInstance:
        db.prepare(`INSERT INTO instances (hub, instance_id, execution_id, name, version, status,
          created_at, last_updated_at, completed_at, scheduled_start_at, input, output, custom_status,
          failure_details, parent_instance_id, tags)
        VALUES (@hub, @instance_id, @execution_id, @name, @version, @status, @created_at, @last_updated_at,
          @completed_at, @scheduled_start_at, @input, @output, @custom_status, @failure_details,
          @parent_instance_id, @tags)
        ON CONFLICT (hub, instance_id) DO UPDATE SET execution_id = excluded.execution_id, name = excluded.name,
          version = excluded.version, status = excluded.status, created_at = excluded.created_at,
          last_updated_at = excluded.last_updated_at, completed_at = excluded.completed_at,
          scheduled_start_at = excluded.scheduled_start_at, input = excluded.input, output = excluded.output,
          custom_status = excluded.custom_status, failure_details = excluded.failure_details,
          parent_instance_id = excluded.parent_instance_id, tags = excluded.tags`),
      deleteInstance: db.prepare("DELETE FROM instances WHERE hub = ? AND instance_id = ?"),
      deleteHistory: db.prepare("DELETE FROM history WHERE hub = ? AND instance_id = ?"),
      deleteInboxOfInstance: db.prepare("DELETE FROM inbox WHERE hub = ? AND instance_id = ?"),
      deleteActivitiesOfInstance: db.prepare(
        "DELETE FROM activities WHERE hub = ? AND instance_id = ?",
      ),
      readHistory: db
        .prepare("SELECT event FROM history WHERE hub = ? AND instance_id = ? ORDER BY seq")
        .pluck(),
      insertHistory: db.prepare(
        "INSERT INTO history (hub, instance_id, seq, event) VALUES (?, ?, ?, ?)",
      ),
      insertInbox: db.prepare(
        "INSERT INTO inbox (id, hub, instance_id, execution_id, visible_at, event) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      deleteInbox: db.prepare("DELETE FROM inbox WHERE id = ?"),
      delayInbox: db.prepare("UPDATE inbox SET visible_at = ? WHERE id = ?"),
      insertActivity: db.prepare(
        "INSERT INTO activities (id, hub, instance_id, execution_id, request) VALUES (?, ?, ?, ?, ?)",
      ),
      deleteActivity: db.prepare("DELETE FROM activities WHERE id = ?"),
      upsertEntity: db.prepare(`INSERT INTO entities (hub, instance_id, state, locked_by,
          lock_critical_section_id, last_modified_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (hub, instance_id) DO UPDATE SET state = excluded.state, locked_by = excluded.locked_by,
          lock_critical_section_id = excluded.lock_critical_section_id,
          last_modified_at = excluded.last_modified_at`),
      deleteEntity: db.prepare("DELETE FROM entities WHERE hub = ? AND instance_id = ?"),
      getEntity: db.prepare(`SELECT hub, instance_id AS instanceId, state, locked_by AS lockedBy,
          lock_critical_section_id AS lockCriticalSectionId, last_modified_at AS lastModifiedAt
        FROM entities WHERE hub = ? AND instance_id = ?`),
    };
    this.commitTransaction = db.transaction((batches: StoreBatch[]) => {
      for (const batch of batches) this.applyBatch(batch);
    });
    // Ids are assigned in memory so that commit() can return them before the group transaction runs.
    this.nextInboxId =
      ((db.prepare("SELECT max(id) FROM inbox").pluck().get() as number | null) ?? 0) + 1;
    this.nextActivityId =
      ((db.prepare("SELECT max(id) FROM activities").pluck().get() as number | null) ?? 0) + 1;
    this.deleteHubTransaction = db.transaction((name: string) => {
      const deleted = db.prepare("DELETE FROM hubs WHERE name = ?").run(name).changes > 0;
      for (const table of ["instances", "history", "inbox", "activities", "entities"]) {
        db.prepare(`DELETE FROM ${table} WHERE hub = ?`).run(name);
      }
      return deleted;
    });
  }

  listHubs(): HubRow[] {
    this.flushSync();
    return this.statements.listHubs.all() as HubRow[];
  }

  insertHub(row: HubRow): void {
    this.flushSync();
    this.statements.insertHub.run(row.name, row.scheduler, row.createdAt);
  }

  deleteHub(name: string): boolean {
    this.flushSync();
    return this.deleteHubTransaction(name);
  }

  getInstance(hub: string, instanceId: string): InstanceRow | undefined {
    // Read-your-writes needs a flush only when a pending batch writes this very row. The common miss — the
    // existence check of every new instance id in StartInstance — must not force the pending group commit into
    // a transaction of its own (profile in docs/benchmarks.md: 254 ms of 414 ms in startOrchestration).
    if (this.pendingInstanceKeys.has(instanceKey(hub, instanceId))) this.flushSync();
    const record = this.statements.getInstance.get(hub, instanceId) as InstanceRecord | undefined;
    return record ? toInstanceRow(record) : undefined;
  }

  readHistory(hub: string, instanceId: string): Uint8Array[] {
    this.flushSync();
    return (this.statements.readHistory.all(hub, instanceId) as Buffer[]).map(
      (buffer) => new Uint8Array(buffer),
    );
  }

  queryInstances(
    hub: string,
    filter: InstanceFilter,
    page: { offset: number; limit: number },
  ): InstancePage {
    this.flushSync();
    const where = filterClause(hub, filter);
    const records = this.database
      .prepare(
        `SELECT * FROM instances WHERE ${where.sql} ORDER BY created_at, instance_id LIMIT ? OFFSET ?`,
      )
      .all(...where.params, page.limit + 1, page.offset) as InstanceRecord[];
    const hasMore = records.length > page.limit;
    const rows = records.slice(0, page.limit).map(toInstanceRow);
    return hasMore ? { rows, nextOffset: page.offset + page.limit } : { rows };
  }

  countInstances(hub: string, filter: InstanceFilter): number {
    this.flushSync();
    const where = filterClause(hub, filter);
    return this.database
      .prepare(`SELECT count(*) FROM instances WHERE ${where.sql}`)
      .pluck()
      .get(...where.params) as number;
  }

  listCompletedInstanceIds(
    hub: string,
    filter: InstanceFilter,
    after: { completedAt: number; instanceId: string } | undefined,
    limit: number,
  ): { instanceId: string; completedAt: number }[] {
    this.flushSync();
    const where = filterClause(hub, filter);
    let sql = `SELECT instance_id AS instanceId, completed_at AS completedAt FROM instances
      WHERE ${where.sql} AND completed_at IS NOT NULL AND status IN ${TERMINAL_STATUSES_SQL}`;
    const params = [...where.params];
    if (after) {
      sql += " AND (completed_at > ? OR (completed_at = ? AND instance_id > ?))";
      params.push(after.completedAt, after.completedAt, after.instanceId);
    }
    sql += " ORDER BY completed_at, instance_id LIMIT ?";
    params.push(limit);
    return this.database.prepare(sql).all(...params) as {
      instanceId: string;
      completedAt: number;
    }[];
  }

  loadInbox(): InboxRow[] {
    this.flushSync();
    return (
      this.database
        .prepare(
          `SELECT id, hub, instance_id AS instanceId, execution_id AS executionId, visible_at AS visibleAt, event
           FROM inbox ORDER BY id`,
        )
        .all() as (Omit<InboxRow, "event"> & { event: Buffer })[]
    ).map((row) => ({ ...row, event: new Uint8Array(row.event) }));
  }

  loadActivities(): ActivityRow[] {
    this.flushSync();
    return (
      this.database
        .prepare(
          `SELECT id, hub, instance_id AS instanceId, execution_id AS executionId, request
           FROM activities ORDER BY id`,
        )
        .all() as (Omit<ActivityRow, "request"> & { request: Buffer })[]
    ).map((row) => ({ ...row, request: new Uint8Array(row.request) }));
  }

  loadEntities(): EntityRow[] {
    this.flushSync();
    return this.database
      .prepare(
        `SELECT hub, instance_id AS instanceId, state, locked_by AS lockedBy,
           lock_critical_section_id AS lockCriticalSectionId, last_modified_at AS lastModifiedAt
         FROM entities ORDER BY hub, instance_id`,
      )
      .all() as EntityRow[];
  }

  getEntity(hub: string, instanceId: string): EntityRow | undefined {
    this.flushSync();
    return this.statements.getEntity.get(hub, instanceId) as EntityRow | undefined;
  }

  commit(batch: StoreBatch): CommitResult {
    if (this.closed) throw new Error("the store is closed");
    const inboxIds = (batch.insertInbox ?? []).map(() => this.nextInboxId++);
    const activityIds = (batch.insertActivities ?? []).map(() => this.nextActivityId++);
    this.pending.push(batch);
    this.assigned.set(batch, { inboxIds, activityIds });
    for (const row of batch.upsertInstances ?? []) {
      this.pendingInstanceKeys.add(instanceKey(row.hub, row.instanceId));
    }
    for (const { hub, instanceId } of batch.deleteInstances ?? []) {
      this.pendingInstanceKeys.add(instanceKey(hub, instanceId));
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        try {
          this.flushSync();
        } catch {
          // Reported to flushed() waiters; the batches that could be written were written.
        }
      });
    }
    return { inboxIds, activityIds };
  }

  flushed(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  flushSync(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const batches = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.pendingInstanceKeys.clear();
    this.waiters = [];
    let failure: unknown;
    try {
      this.commitTransaction(batches);
    } catch {
      // One bad batch must not take the others down: retry each alone.
      for (const batch of batches) {
        try {
          this.commitTransaction([batch]);
        } catch (error) {
          failure ??= error;
        }
      }
    }
    for (const batch of batches) this.assigned.delete(batch);
    for (const waiter of waiters) {
      if (failure) waiter.reject(failure);
      else waiter.resolve();
    }
    if (failure) throw failure instanceof Error ? failure : new Error("group commit failed");
  }

  close(): void {
    if (this.closed) return;
    try {
      this.flushSync();
    } finally {
      this.closed = true;
      this.database.close();
    }
  }

  private applyBatch(batch: StoreBatch): void {
    const s = this.statements;
    const assignedIds = this.assigned.get(batch)!;
    for (const { hub, instanceId } of batch.deleteInstances ?? []) {
      s.deleteInstance.run(hub, instanceId);
      s.deleteHistory.run(hub, instanceId);
      s.deleteInboxOfInstance.run(hub, instanceId);
      s.deleteActivitiesOfInstance.run(hub, instanceId);
    }
    for (const row of batch.upsertInstances ?? []) {
      s.upsertInstance.run({
        hub: row.hub,
        instance_id: row.instanceId,
        execution_id: row.executionId,
        name: row.name,
        version: row.version,
        status: row.status,
        created_at: row.createdAt,
        last_updated_at: row.lastUpdatedAt,
        completed_at: row.completedAt,
        scheduled_start_at: row.scheduledStartAt,
        input: row.input,
        output: row.output,
        custom_status: row.customStatus,
        failure_details: row.failureDetails ? Buffer.from(row.failureDetails) : null,
        parent_instance_id: row.parentInstanceId,
        tags: row.tags === null ? null : JSON.stringify(row.tags),
      });
    }
    for (const { hub, instanceId, events } of batch.replaceHistory ?? []) {
      s.deleteHistory.run(hub, instanceId);
      events.forEach((event, seq) => s.insertHistory.run(hub, instanceId, seq, event));
    }
    for (const { hub, instanceId, startSeq, events } of batch.appendHistory ?? []) {
      events.forEach((event, index) =>
        s.insertHistory.run(hub, instanceId, startSeq + index, event),
      );
    }
    for (const id of batch.deleteInbox ?? []) s.deleteInbox.run(id);
    for (const { ids, visibleAt } of batch.delayInbox ?? []) {
      for (const id of ids) s.delayInbox.run(visibleAt, id);
    }
    (batch.insertInbox ?? []).forEach((row, index) =>
      s.insertInbox.run(
        assignedIds.inboxIds[index],
        row.hub,
        row.instanceId,
        row.executionId,
        row.visibleAt,
        row.event,
      ),
    );
    for (const id of batch.deleteActivities ?? []) s.deleteActivity.run(id);
    (batch.insertActivities ?? []).forEach((row, index) =>
      s.insertActivity.run(
        assignedIds.activityIds[index],
        row.hub,
        row.instanceId,
        row.executionId,
        row.request,
      ),
    );
    for (const { hub, instanceId } of batch.deleteEntities ?? [])
      s.deleteEntity.run(hub, instanceId);
    for (const row of batch.upsertEntities ?? []) {
      s.upsertEntity.run(
        row.hub,
        row.instanceId,
        row.state,
        row.lockedBy,
        row.lockCriticalSectionId,
        row.lastModifiedAt,
      );
    }
  }
}

function instanceKey(hub: string, instanceId: string): string {
  return `${hub}\u0000${instanceId}`;
}
