// The protocol's message classes, taken from the generated bindings shipped in the pinned
// @microsoft/durabletask-js npm package (never a copied .proto file). The engine uses these messages as
// its data model, so a history event is encoded once and never converted back and forth.
export * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
export { StringValue, Int32Value, BoolValue } from "google-protobuf/google/protobuf/wrappers_pb";
export { Timestamp } from "google-protobuf/google/protobuf/timestamp_pb";
