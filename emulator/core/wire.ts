// Hand-rolled protobuf encoding of the hottest messages, WorkItem{orchestratorRequest | activityRequest}: the
// history is kept as the serialized HistoryEvent bytes already written to SQLite, so an episode costs a memcpy per
// past event instead of re-encoding the whole history every time (encode each event once). Field numbers are those
// of the generated bindings (WorkItem.orchestratorRequest = 1, activityRequest = 2, completionToken = 10;
// OrchestratorRequest.instanceId = 1, executionId = 2 (StringValue), pastEvents = 3, newEvents = 4).
const LENGTH_DELIMITED = 2;

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

class Writer {
  readonly buffer: Buffer;
  offset = 0;
  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }
  varint(value: number): void {
    while (value >= 0x80) {
      this.buffer[this.offset++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buffer[this.offset++] = value;
  }
  bytesField(field: number, bytes: Uint8Array): void {
    this.varint((field << 3) | LENGTH_DELIMITED);
    this.varint(bytes.length);
    this.buffer.set(bytes, this.offset);
    this.offset += bytes.length;
  }
}

function fieldSize(field: number, length: number): number {
  return varintSize((field << 3) | LENGTH_DELIMITED) + varintSize(length) + length;
}

export function encodeOrchestratorWorkItem(args: {
  instanceId: string;
  executionId: string;
  pastEvents: readonly Uint8Array[];
  newEvents: readonly Uint8Array[];
  completionToken: string;
}): Buffer {
  const instanceId = Buffer.from(args.instanceId, "utf8");
  const executionValue = Buffer.from(args.executionId, "utf8");
  const executionIdSize = fieldSize(1, executionValue.length);
  let requestSize = fieldSize(1, instanceId.length) + fieldSize(2, executionIdSize);
  for (const event of args.pastEvents) requestSize += fieldSize(3, event.length);
  for (const event of args.newEvents) requestSize += fieldSize(4, event.length);
  const token = Buffer.from(args.completionToken, "utf8");
  const writer = new Writer(fieldSize(1, requestSize) + fieldSize(10, token.length));
  writer.varint((1 << 3) | LENGTH_DELIMITED);
  writer.varint(requestSize);
  writer.bytesField(1, instanceId);
  writer.varint((2 << 3) | LENGTH_DELIMITED);
  writer.varint(executionIdSize);
  writer.bytesField(1, executionValue);
  for (const event of args.pastEvents) writer.bytesField(3, event);
  for (const event of args.newEvents) writer.bytesField(4, event);
  writer.bytesField(10, token);
  return writer.buffer;
}

/** WorkItem{activityRequest, completionToken} from the ActivityRequest bytes already written to SQLite. */
export function encodeActivityWorkItem(request: Uint8Array, completionToken: string): Buffer {
  const token = Buffer.from(completionToken, "utf8");
  const writer = new Writer(fieldSize(2, request.length) + fieldSize(10, token.length));
  writer.bytesField(2, request);
  writer.bytesField(10, token);
  return writer.buffer;
}
