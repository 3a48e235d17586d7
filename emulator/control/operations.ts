// Long-running-operation bookkeeping (docs/reference/arm.md "Long-running operations"): local writes finish
// synchronously, so every operation is Succeeded by the time a client polls; the status endpoint exists so ARM clients
// and the Azure SDK's LRO pollers (final-state-via azure-async-operation / location) complete as they do against Azure.
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock";

export interface OperationStatus {
  id: string;
  name: string;
  resourceId: string;
  status: "Succeeded";
  startTime: string;
  endTime: string;
}

/** Bounded: old statuses are dropped first (a poller reads its operation within seconds). */
const MAX_OPERATIONS = 10_000;

export class OperationLog {
  private readonly operations = new Map<string, OperationStatus>();

  constructor(private readonly clock: Clock) {}

  /** Records a finished operation on `resourceId` and returns its id. */
  record(subscriptionId: string, location: string, resourceId: string): OperationStatus {
    const name = randomUUID();
    const at = new Date(this.clock.now()).toISOString();
    const status: OperationStatus = {
      id: `/subscriptions/${subscriptionId}/providers/Microsoft.DurableTask/locations/${location}/operationStatuses/${name}`,
      name,
      resourceId,
      status: "Succeeded",
      startTime: at,
      endTime: at,
    };
    this.operations.set(name, status);
    if (this.operations.size > MAX_OPERATIONS) {
      const oldest = this.operations.keys().next().value;
      if (oldest !== undefined) this.operations.delete(oldest);
    }
    return status;
  }

  get(name: string): OperationStatus | undefined {
    return this.operations.get(name.toLowerCase());
  }
}
