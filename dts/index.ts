// Facts of the Azure Durable Task Scheduler service and pure predicates over them, shared by components/,
// policies/ and emulator/ (sources: docs/reference/). No messages live here: each surface
// keeps its own wording and error factory. Imports nothing from @pulumi/* or the rest of the repository.
export * from "./guid";
export * from "./limits";
export * from "./names";
export * from "./network";
export * from "./regions";
export * from "./retention";
export * from "./roles";
export * from "./sku";
