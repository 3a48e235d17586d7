// Summarises a V8 `.cpuprofile` of the emulator (written by `node --cpu-prof`) into self time per category —
// protobuf, gRPC, SQLite, engine, … — to show where a work item's time goes before optimising.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export const profileCategories = [
  "protobuf (google-protobuf, generated _pb)",
  "gRPC (@grpc/grpc-js, http2)",
  "SQLite (better-sqlite3 + emulator/store)",
  "engine (emulator/core)",
  "gRPC adapter (emulator/grpc)",
  "emulator (other)",
  "logging (pino)",
  "node runtime / IO",
  "GC",
  "startup (tsx/esbuild, module loading)",
  "idle",
  "other",
] as const;
export type ProfileCategory = (typeof profileCategories)[number];

/** Pure: the category of a frame given its own url and, for native frames, the nearest JS caller's url. */
export function categorise(functionName: string, url: string, callerUrl: string): ProfileCategory {
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(idle)") return "idle";
  if (functionName === "(program)" || functionName === "(root)") return "other";
  const where = url || callerUrl;
  if (/google-protobuf|_pb\.js|jspb/.test(where))
    return "protobuf (google-protobuf, generated _pb)";
  if (/better-sqlite3|\/emulator\/store\//.test(where))
    return "SQLite (better-sqlite3 + emulator/store)";
  if (/@grpc\/grpc-js|node:internal\/http2|node:http2/.test(where))
    return "gRPC (@grpc/grpc-js, http2)";
  if (/\/emulator\/core\//.test(where)) return "engine (emulator/core)";
  if (/\/emulator\/grpc\//.test(where)) return "gRPC adapter (emulator/grpc)";
  if (/pino|sonic-boom|thread-stream/.test(where)) return "logging (pino)";
  if (/\/emulator\//.test(where)) return "emulator (other)";
  if (/tsx|esbuild|node:internal\/modules/.test(where))
    return "startup (tsx/esbuild, module loading)";
  if (/^node:/.test(where)) return "node runtime / IO";
  return "other";
}

function isOverhead(category: ProfileCategory): boolean {
  return category === "idle" || category === "startup (tsx/esbuild, module loading)";
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  byCategory: { category: ProfileCategory; selfMs: number; shareOfBusy: number }[];
  topFunctions: { name: string; location: string; category: ProfileCategory; selfMs: number }[];
  /** Emulator functions by inclusive time (own + everything they call): where a work item's path spends it. */
  topEmulatorInclusive: { name: string; location: string; inclusiveMs: number }[];
}

export function summariseCpuProfile(path: string, topCount = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);

  // Self time per node from the sample stream (timeDeltas[i] is the gap before sample i, in µs).
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((nodeId, index) => {
    selfMicros.set(nodeId, (selfMicros.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });

  const callerUrl = (id: number): string => {
    let current = parentOf.get(id);
    while (current !== undefined) {
      const url = byId.get(current)?.callFrame.url;
      if (url) return url;
      current = parentOf.get(current);
    }
    return "";
  };

  const categoryMicros = new Map<ProfileCategory, number>();
  const functionMicros = new Map<
    string,
    { name: string; location: string; category: ProfileCategory; micros: number }
  >();
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const category = categorise(functionName, url, callerUrl(id));
    categoryMicros.set(category, (categoryMicros.get(category) ?? 0) + micros);
    const location = url
      ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/(emulator|cli)\//, "$1/")}:${lineNumber + 1}`
      : `(native, called from ${callerUrl(id).replace(/^.*\//, "") || "?"})`;
    const key = `${functionName}@${location}`;
    const entry = functionMicros.get(key) ?? {
      name: functionName || "(anonymous)",
      location,
      category,
      micros: 0,
    };
    entry.micros += micros;
    functionMicros.set(key, entry);
  }

  // Inclusive time of emulator frames, counting a function once per stack even when it recurses.
  const inclusive = new Map<string, { name: string; location: string; micros: number }>();
  const subtreeMicros = (id: number, activeKeys: ReadonlySet<string>): number => {
    const node = byId.get(id);
    if (!node) return 0;
    const { functionName, url } = node.callFrame;
    const isEmulator = /\/emulator\//.test(url);
    const key = `${functionName}@${url}`;
    const keys = isEmulator && !activeKeys.has(key) ? new Set([...activeKeys, key]) : activeKeys;
    let micros = selfMicros.get(id) ?? 0;
    for (const child of node.children ?? []) micros += subtreeMicros(child, keys);
    if (keys !== activeKeys) {
      const entry = inclusive.get(key) ?? {
        name: functionName || "(anonymous)",
        location: url.replace(/^.*\/(emulator\/)/, "$1"),
        micros: 0,
      };
      entry.micros += micros;
      inclusive.set(key, entry);
    }
    return micros;
  };
  const root = profile.nodes.find((node) => !parentOf.has(node.id));
  if (root) subtreeMicros(root.id, new Set());

  const totalMicros = [...categoryMicros.values()].reduce((sum, value) => sum + value, 0);
  const idleMicros = categoryMicros.get("idle") ?? 0;
  // Shares are of the time spent serving: module loading at start is not part of a work item's cost.
  const startupMicros = categoryMicros.get("startup (tsx/esbuild, module loading)") ?? 0;
  const busyMicros = totalMicros - idleMicros - startupMicros;
  return {
    totalMs: totalMicros / 1000,
    busyMs: busyMicros / 1000,
    byCategory: profileCategories
      .map((category) => ({
        category,
        selfMs: (categoryMicros.get(category) ?? 0) / 1000,
        shareOfBusy:
          isOverhead(category) || busyMicros === 0
            ? 0
            : (categoryMicros.get(category) ?? 0) / busyMicros,
      }))
      .filter((row) => row.selfMs > 0)
      .sort((a, b) => b.selfMs - a.selfMs),
    topFunctions: [...functionMicros.values()]
      .filter((entry) => !isOverhead(entry.category))
      .sort((a, b) => b.micros - a.micros)
      .slice(0, topCount)
      .map(({ name, location, category, micros }) => ({
        name,
        location,
        category,
        selfMs: micros / 1000,
      })),
    // Anonymous closures carry no usable position (tsx reflows the generated code), so only named ones are listed.
    topEmulatorInclusive: [...inclusive.values()]
      .filter((entry) => entry.name !== "(anonymous)")
      .sort((a, b) => b.micros - a.micros)
      .slice(0, topCount)
      .map(({ name, location, micros }) => ({ name, location, inclusiveMs: micros / 1000 })),
  };
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const lines = [
    `CPU profile of the emulator: ${summary.totalMs.toFixed(0)} ms sampled, ${summary.busyMs.toFixed(0)} ms busy serving (idle and start-up excluded)`,
    "",
    "self time by category (share of busy serving time):",
    ...summary.byCategory.map(
      (row) =>
        `  ${row.category.padEnd(42)} ${row.selfMs.toFixed(0).padStart(8)} ms  ${isOverhead(row.category) ? "" : `${(row.shareOfBusy * 100).toFixed(1)} %`}`,
    ),
    "",
    "top functions by self time:",
    ...summary.topFunctions.map(
      (row) =>
        `  ${row.selfMs.toFixed(0).padStart(7)} ms  ${row.name} — ${row.location} [${row.category}]`,
    ),
    "",
    "emulator functions by inclusive time (own + callees):",
    ...summary.topEmulatorInclusive.map(
      (row) => `  ${row.inclusiveMs.toFixed(0).padStart(7)} ms  ${row.name} — ${row.location}`,
    ),
  ];
  return lines.join("\n");
}
