// SQLite schema of the emulator store, adapted from durabletask-go backend/sqlite/schema.sql (docs/reference/sidecar.md
// "Reference server designs"): every table is keyed by task hub; histories and inbox messages are serialized protobuf
// `HistoryEvent`s; timestamps are epoch milliseconds. `PRAGMA user_version` records the schema version.
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS hubs (
  name TEXT PRIMARY KEY,
  scheduler TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS instances (
  hub TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  execution_id TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT,
  status INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_updated_at INTEGER NOT NULL,
  completed_at INTEGER,
  scheduled_start_at INTEGER,
  input TEXT,
  output TEXT,
  custom_status TEXT,
  failure_details BLOB,
  parent_instance_id TEXT,
  tags TEXT,
  PRIMARY KEY (hub, instance_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_instances_created ON instances (hub, created_at, instance_id);
CREATE INDEX IF NOT EXISTS ix_instances_completed ON instances (hub, completed_at, instance_id)
  WHERE completed_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS history (
  hub TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  event BLOB NOT NULL,
  PRIMARY KEY (hub, instance_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS inbox (
  id INTEGER PRIMARY KEY,
  hub TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  execution_id TEXT,
  visible_at INTEGER NOT NULL,
  event BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_inbox_instance ON inbox (hub, instance_id);
CREATE TABLE IF NOT EXISTS activities (
  id INTEGER PRIMARY KEY,
  hub TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  execution_id TEXT NOT NULL,
  request BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_activities_instance ON activities (hub, instance_id);
CREATE TABLE IF NOT EXISTS entities (
  hub TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  state TEXT,
  locked_by TEXT,
  lock_critical_section_id TEXT,
  last_modified_at INTEGER NOT NULL,
  PRIMARY KEY (hub, instance_id)
) WITHOUT ROWID;
`;
