// The Store contract: one suite, run against every implementation
// (file and in-memory SQLite). It pins what the engine relies on: atomic commits, ordered history, FIFO inbox
// ids, cascading deletes, filters and cursors.
import { describe, expect, it } from "vitest";
import type { InstanceRow, Store } from "../../../emulator/store/store";

export interface StoreContractOptions {
  name: string;
  /** A fresh, empty store. */
  open(): Store;
  /** Re-opens the same database after close (persistence); undefined for the in-memory database. */
  reopen?: () => Store;
}

export function instanceRow(overrides: Partial<InstanceRow> = {}): InstanceRow {
  return {
    hub: "default",
    instanceId: "i1",
    executionId: "e".repeat(32),
    name: "orchestrator",
    version: null,
    status: 6,
    createdAt: 1000,
    lastUpdatedAt: 1000,
    completedAt: null,
    scheduledStartAt: null,
    input: '"in"',
    output: null,
    customStatus: null,
    failureDetails: null,
    parentInstanceId: null,
    tags: null,
    ...overrides,
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (value: Uint8Array) => new TextDecoder().decode(value);

export function runStoreContract(options: StoreContractOptions): void {
  describe(`Store contract: ${options.name}`, () => {
    it("inserts, lists and deletes hubs; deleting a hub deletes everything in it", () => {
      const store = options.open();
      store.insertHub({ name: "a", scheduler: "s", createdAt: 1 });
      store.insertHub({ name: "b", scheduler: "s", createdAt: 2 });
      expect(() => store.insertHub({ name: "a", scheduler: "s", createdAt: 3 })).toThrow();
      store.commit({
        upsertInstances: [instanceRow({ hub: "a" }), instanceRow({ hub: "b" })],
        insertInbox: [
          { hub: "a", instanceId: "i1", executionId: null, visibleAt: 0, event: bytes("x") },
        ],
        insertActivities: [{ hub: "a", instanceId: "i1", executionId: "e", request: bytes("r") }],
        upsertEntities: [
          {
            hub: "a",
            instanceId: "@c@k",
            state: "1",
            lockedBy: null,
            lockCriticalSectionId: null,
            lastModifiedAt: 1,
          },
        ],
      });
      expect(store.deleteHub("a")).toBe(true);
      expect(store.deleteHub("a")).toBe(false);
      expect(store.listHubs().map((hub) => hub.name)).toEqual(["b"]);
      expect(store.getInstance("a", "i1")).toBeUndefined();
      expect(store.getInstance("b", "i1")).toBeDefined();
      expect(store.loadInbox()).toEqual([]);
      expect(store.loadActivities()).toEqual([]);
      expect(store.loadEntities()).toEqual([]);
      store.close();
    });

    it("round-trips every instance field", () => {
      const store = options.open();
      const row = instanceRow({
        version: "1.0",
        status: 3,
        completedAt: 2000,
        scheduledStartAt: 1500,
        output: '"out"',
        customStatus: "",
        failureDetails: bytes("failure"),
        parentInstanceId: "parent",
        tags: { team: "dtsx" },
      });
      store.commit({ upsertInstances: [row] });
      expect(store.getInstance("default", "i1")).toEqual(row);
      store.commit({ upsertInstances: [{ ...row, status: 0, output: null }] });
      expect(store.getInstance("default", "i1")?.status).toBe(0);
      expect(store.getInstance("default", "i1")?.output).toBeNull();
      store.close();
    });

    it("appends and replaces history in sequence order", () => {
      const store = options.open();
      store.commit({
        appendHistory: [
          { hub: "default", instanceId: "i1", startSeq: 0, events: [bytes("a"), bytes("b")] },
        ],
      });
      store.commit({
        appendHistory: [{ hub: "default", instanceId: "i1", startSeq: 2, events: [bytes("c")] }],
      });
      expect(store.readHistory("default", "i1").map(text)).toEqual(["a", "b", "c"]);
      store.commit({
        replaceHistory: [{ hub: "default", instanceId: "i1", events: [bytes("z")] }],
      });
      expect(store.readHistory("default", "i1").map(text)).toEqual(["z"]);
      expect(store.readHistory("other", "i1")).toEqual([]);
      store.close();
    });

    it("applies a batch all-or-nothing; a failing batch does not take its group down", async () => {
      const store = options.open();
      store.commit({
        appendHistory: [{ hub: "default", instanceId: "i1", startSeq: 0, events: [bytes("a")] }],
      });
      store.flushSync();
      store.commit({ upsertInstances: [instanceRow({ instanceId: "good" })] });
      store.commit({
        upsertInstances: [instanceRow()],
        insertInbox: [
          { hub: "default", instanceId: "i1", executionId: null, visibleAt: 0, event: bytes("m") },
        ],
        // Duplicate sequence number: violates the history primary key.
        appendHistory: [{ hub: "default", instanceId: "i1", startSeq: 0, events: [bytes("dup")] }],
      });
      const flushed = store.flushed();
      expect(() => store.flushSync()).toThrow();
      await expect(flushed).rejects.toThrow();
      expect(store.getInstance("default", "good")).toBeDefined();
      expect(store.getInstance("default", "i1")).toBeUndefined();
      expect(store.loadInbox()).toEqual([]);
      expect(store.readHistory("default", "i1").map(text)).toEqual(["a"]);
      store.close();
    });

    it("group-commits: commit returns ids at once, reads and flushed() see the writes", async () => {
      const store = options.open();
      const result = store.commit({
        upsertInstances: [instanceRow()],
        insertInbox: [
          { hub: "default", instanceId: "i1", executionId: null, visibleAt: 0, event: bytes("m") },
        ],
      });
      expect(result.inboxIds).toHaveLength(1);
      await store.flushed();
      expect(store.loadInbox().map((row) => row.id)).toEqual(result.inboxIds);
      store.commit({ upsertInstances: [instanceRow({ instanceId: "i2" })] });
      expect(store.getInstance("default", "i2")).toBeDefined();
      await expect(store.flushed()).resolves.toBeUndefined();
      store.close();
    });

    it("reads a pending instance row, deleted or written, and leaves other pending writes to the group commit", async () => {
      const store = options.open();
      store.commit({ upsertInstances: [instanceRow({ instanceId: "kept" })] });
      await store.flushed();
      store.commit({ deleteInstances: [{ hub: "default", instanceId: "kept" }] });
      expect(store.getInstance("default", "kept")).toBeUndefined();

      store.commit({ upsertInstances: [instanceRow({ instanceId: "pending" })] });
      // An id no pending batch writes (StartInstance's existence check) must not force a flush: the pending
      // batch stays queued, so flushed() is still waiting after a microtask.
      expect(store.getInstance("default", "new-id")).toBeUndefined();
      let flushed = false;
      const waiting = store.flushed().then(() => {
        flushed = true;
      });
      await Promise.resolve();
      expect(flushed).toBe(false);
      await waiting;
      expect(store.getInstance("default", "pending")).toBeDefined();
      store.close();
    });

    it("assigns increasing inbox and activity ids, deletes and delays by id", () => {
      const store = options.open();
      const first = store.commit({
        insertInbox: [
          { hub: "default", instanceId: "i1", executionId: null, visibleAt: 5, event: bytes("1") },
          { hub: "default", instanceId: "i1", executionId: "e", visibleAt: 6, event: bytes("2") },
        ],
        insertActivities: [
          { hub: "default", instanceId: "i1", executionId: "e", request: bytes("r1") },
        ],
      });
      expect(first.inboxIds).toHaveLength(2);
      expect(first.inboxIds[1]!).toBeGreaterThan(first.inboxIds[0]!);
      const second = store.commit({
        insertInbox: [
          { hub: "default", instanceId: "i2", executionId: null, visibleAt: 7, event: bytes("3") },
        ],
        deleteInbox: [first.inboxIds[0]!],
        delayInbox: [{ ids: [first.inboxIds[1]!], visibleAt: 99 }],
        deleteActivities: [first.activityIds[0]!],
      });
      expect(second.inboxIds[0]!).toBeGreaterThan(first.inboxIds[1]!);
      const inbox = store.loadInbox();
      expect(
        inbox.map((row) => [row.instanceId, row.executionId, row.visibleAt, text(row.event)]),
      ).toEqual([
        ["i1", "e", 99, "2"],
        ["i2", null, 7, "3"],
      ]);
      expect(store.loadActivities()).toEqual([]);
      store.close();
    });

    it("deleting an instance deletes its history, inbox and activities only", () => {
      const store = options.open();
      store.commit({
        upsertInstances: [instanceRow(), instanceRow({ instanceId: "i2" })],
        appendHistory: [
          { hub: "default", instanceId: "i1", startSeq: 0, events: [bytes("h")] },
          { hub: "default", instanceId: "i2", startSeq: 0, events: [bytes("h2")] },
        ],
        insertInbox: [
          { hub: "default", instanceId: "i1", executionId: null, visibleAt: 0, event: bytes("m") },
        ],
        insertActivities: [
          { hub: "default", instanceId: "i1", executionId: "e", request: bytes("r") },
        ],
      });
      store.commit({ deleteInstances: [{ hub: "default", instanceId: "i1" }] });
      expect(store.getInstance("default", "i1")).toBeUndefined();
      expect(store.readHistory("default", "i1")).toEqual([]);
      expect(store.loadInbox()).toEqual([]);
      expect(store.loadActivities()).toEqual([]);
      expect(store.readHistory("default", "i2").map(text)).toEqual(["h2"]);
      store.close();
    });

    it("queries instances with filters and offsets, counts, and lists completed ids after a cursor", () => {
      const store = options.open();
      store.commit({
        upsertInstances: [
          instanceRow({
            instanceId: "a-1",
            createdAt: 1,
            status: 1,
            completedAt: 10,
            name: "alpha",
            tags: { env: "x" },
          }),
          instanceRow({
            instanceId: "a-2",
            createdAt: 2,
            status: 0,
            name: "alpha",
            customStatus: "Waiting For Approval",
          }),
          instanceRow({
            instanceId: "b-1",
            createdAt: 3,
            status: 3,
            completedAt: 10,
            name: "beta",
          }),
          instanceRow({
            instanceId: "a_3",
            createdAt: 4,
            status: 5,
            completedAt: 5,
            name: "gamma",
          }),
          instanceRow({ hub: "other", instanceId: "a-9", createdAt: 1 }),
        ],
      });
      const ids = (filter: Parameters<Store["queryInstances"]>[1]) =>
        store
          .queryInstances("default", filter, { offset: 0, limit: 100 })
          .rows.map((row) => row.instanceId);
      expect(ids({})).toEqual(["a-1", "a-2", "b-1", "a_3"]);
      expect(ids({ instanceIdPrefix: "a-" })).toEqual(["a-1", "a-2"]);
      expect(ids({ instanceIdPrefix: "a_" })).toEqual(["a_3"]);
      expect(ids({ statuses: [1, 3] })).toEqual(["a-1", "b-1"]);
      expect(ids({ createdFrom: 2, createdTo: 4 })).toEqual(["a-2", "b-1"]);
      expect(ids({ name: "alpha" })).toEqual(["a-1", "a-2"]);
      expect(ids({ text: "approval" })).toEqual(["a-2"]);
      expect(ids({ tag: { key: "env", value: "x" } })).toEqual(["a-1"]);
      expect(ids({ tag: { key: "env" } })).toEqual(["a-1"]);
      // Keys that cannot be spliced into a JSON path are plain non-matches, not SQL errors.
      expect(ids({ tag: { key: "env\\" } })).toEqual([]);
      expect(ids({ tag: { key: 'e"nv', value: "x" } })).toEqual([]);
      expect(ids({ completedTo: 6 })).toEqual(["a_3"]);
      const page = store.queryInstances("default", {}, { offset: 0, limit: 3 });
      expect(page.nextOffset).toBe(3);
      expect(store.queryInstances("default", {}, { offset: 3, limit: 3 })).toEqual({
        rows: [expect.objectContaining({ instanceId: "a_3" })],
      });
      expect(store.countInstances("default", { statuses: [0] })).toBe(1);
      const completed = store.listCompletedInstanceIds("default", {}, undefined, 2);
      expect(completed).toEqual([
        { instanceId: "a_3", completedAt: 5 },
        { instanceId: "a-1", completedAt: 10 },
      ]);
      expect(
        store.listCompletedInstanceIds("default", {}, { completedAt: 10, instanceId: "a-1" }, 10),
      ).toEqual([{ instanceId: "b-1", completedAt: 10 }]);
      store.close();
    });

    it("upserts and deletes entities", () => {
      const store = options.open();
      const entity = {
        hub: "default",
        instanceId: "@c@k",
        state: "5",
        lockedBy: "orch",
        lockCriticalSectionId: "cs",
        lastModifiedAt: 9,
      };
      store.commit({ upsertEntities: [entity] });
      expect(store.getEntity("default", "@c@k")).toEqual(entity);
      store.commit({
        upsertEntities: [{ ...entity, lockedBy: null, lockCriticalSectionId: null }],
      });
      expect(store.loadEntities()).toEqual([
        { ...entity, lockedBy: null, lockCriticalSectionId: null },
      ]);
      store.commit({ deleteEntities: [{ hub: "default", instanceId: "@c@k" }] });
      expect(store.getEntity("default", "@c@k")).toBeUndefined();
      store.close();
    });

    if (options.reopen) {
      const reopen = options.reopen;
      it("keeps committed data across close and reopen", () => {
        const store = options.open();
        store.insertHub({ name: "kept", scheduler: "s", createdAt: 1 });
        store.commit({
          upsertInstances: [instanceRow({ hub: "kept" })],
          appendHistory: [{ hub: "kept", instanceId: "i1", startSeq: 0, events: [bytes("h")] }],
          insertInbox: [
            { hub: "kept", instanceId: "i1", executionId: null, visibleAt: 3, event: bytes("m") },
          ],
        });
        store.close();
        const again = reopen();
        expect(again.listHubs().map((hub) => hub.name)).toEqual(["kept"]);
        expect(again.getInstance("kept", "i1")?.input).toBe('"in"');
        expect(again.readHistory("kept", "i1").map(text)).toEqual(["h"]);
        expect(again.loadInbox().map((row) => text(row.event))).toEqual(["m"]);
        again.close();
      });
    }
  });
}
