/* eslint-disable @typescript-eslint/require-await -- the SDK drives orchestrators as async generators that yield
   tasks and never await (its own samples are written this way). */
// Real orchestrations for the dashboard suite, run by the official @microsoft/durabletask-js worker: a sequence of
// activities, a parent with sub-orchestrations and a timer, an approval that waits for an external event, and an
// order whose activity fails with a stack trace (or fails once, so that a rewind completes it).
import {
  EntityInstanceId,
  TaskEntity,
  whenAll,
  type ActivityContext,
  type LockHandle,
  type OrchestrationContext,
  type TaskHubGrpcWorker,
} from "@microsoft/durabletask-js";

/** What an orchestrator generator yields (SDK tasks) and receives back (their results, untyped on the wire). */
type Orchestration<Result> = AsyncGenerator<unknown, Result, unknown>;

export interface Order {
  id: string;
  amount: number;
}

export const sayHello = (_context: ActivityContext, city: string) => `Hello, ${city}!`;

/** Orders whose id starts with "flaky" fail on their first charge only, so a rewind can then complete them. */
const failedOnce = new Set<string>();

export const chargeCard = (_context: ActivityContext, order: Order) => {
  if (order.amount > 1000)
    throw new Error(`card declined for order ${order.id}: amount ${order.amount} over limit`);
  if (order.id.startsWith("flaky") && !failedOnce.has(order.id)) {
    failedOnce.add(order.id);
    throw new Error(`payment gateway timed out for order ${order.id}`);
  }
  return { charged: order.amount };
};

export async function* helloCities(context: OrchestrationContext): Orchestration<string[]> {
  const results: string[] = [];
  for (const city of ["Tokyo", "Seattle", "London"]) {
    results.push(String(yield context.callActivity(sayHello, city)));
  }
  context.setCustomStatus({ greeted: results.length });
  return results;
}

export async function* processOrder(
  context: OrchestrationContext,
  order: Order,
): Orchestration<unknown> {
  context.setCustomStatus({ step: "charging" });
  const charge: unknown = yield context.callActivity(chargeCard, order);
  return { order: order.id, charge };
}

export async function* shipOrders(
  context: OrchestrationContext,
  count: number,
): Orchestration<unknown> {
  yield context.callActivity(sayHello, "warehouse");
  const children = [];
  for (let index = 0; index < count; index++) {
    const order: Order = { id: `order-${index + 1}`, amount: 10 * (index + 1) };
    children.push(
      context.callSubOrchestrator(processOrder, order, {
        instanceId: `${context.instanceId}-child-${index + 1}`,
      }),
    );
  }
  yield context.createTimer(1);
  const results: unknown = yield whenAll(children);
  yield context.callActivity(sayHello, "customer");
  return results;
}

export async function* approval(context: OrchestrationContext): Orchestration<unknown> {
  context.setCustomStatus({ waitingFor: "approve" });
  const decision: unknown = yield context.waitForExternalEvent("approve");
  context.setCustomStatus({ decided: true });
  return { approved: decision };
}

/** A durable entity with a JSON state (the dashboard shows it formatted). */
export class Inventory extends TaskEntity<{ sku: string; onHand: number }> {
  receive(amount: number): number {
    this.state.onHand += amount;
    return this.state.onHand;
  }
  protected override initializeState() {
    return { sku: "unknown", onHand: 0 };
  }
}

/** Holds a lock on an inventory entity until the "release" event arrives, so the dashboard shows the lock owner. */
export async function* restock(context: OrchestrationContext, key: string): Orchestration<string> {
  const lock = (yield context.entities.lockEntities(
    new EntityInstanceId("inventory", key),
  )) as LockHandle;
  yield context.entities.callEntity(new EntityInstanceId("inventory", key), "receive", 10);
  yield context.waitForExternalEvent("release");
  lock.release();
  return "restocked";
}

export function registerWorkload(worker: TaskHubGrpcWorker): void {
  worker.addNamedEntity("inventory", () => new Inventory());
  worker.addOrchestrator(restock);
  worker.addActivity(sayHello);
  worker.addActivity(chargeCard);
  worker.addOrchestrator(helloCities);
  worker.addOrchestrator(processOrder);
  worker.addOrchestrator(shipOrders);
  worker.addOrchestrator(approval);
}
