// The store contract against a file database (`--data-dir`), plus what only a file can show: WAL mode and reopen.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { openSqliteStore } from "../../../emulator/store/sqliteStore";
import { runStoreContract } from "./store.contract";

const directories: string[] = [];
let current = "";

function freshDirectory(): string {
  current = mkdtempSync(join(tmpdir(), "dtsx-store-"));
  directories.push(current);
  return current;
}

afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

runStoreContract({
  name: "SQLite file",
  open: () => openSqliteStore({ location: { dataDir: freshDirectory() } }),
  reopen: () => openSqliteStore({ location: { dataDir: current } }),
});

it("uses WAL journaling with synchronous=NORMAL on a file database", () => {
  const store = openSqliteStore({ location: { dataDir: join(freshDirectory(), "nested", "dir") } });
  expect(store.database.pragma("journal_mode", { simple: true })).toBe("wal");
  expect(store.database.pragma("synchronous", { simple: true })).toBe(1);
  store.close();
});
