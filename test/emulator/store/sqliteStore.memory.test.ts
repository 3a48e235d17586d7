// The store contract against the in-memory SQLite database (`--in-memory`).
import { openSqliteStore } from "../../../emulator/store/sqliteStore";
import { runStoreContract } from "./store.contract";

runStoreContract({
  name: "SQLite :memory:",
  open: () => openSqliteStore({ location: { inMemory: true } }),
});
