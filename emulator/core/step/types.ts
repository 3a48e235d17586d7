// The contract of one orchestrator episode and of the per-action handlers it is folded from
// (docs/reference/sidecar.md "Orchestration episodes and history layout"; modelled on microsoft/durabletask-go
// backend/runtimestate.go ApplyActions).
import { stringValue } from "../events";
import { pb, type StringValue } from "../proto";
import type { InstanceRow } from "../../store/store";

export interface OutgoingMessage {
  instanceId: string;
  /** Bound to one execution of the target (timers): dropped if the target moved on. */
  executionId: string | null;
  visibleAt: number;
  event: pb.HistoryEvent;
}

export interface StepInput {
  now: number;
  /** Mints the execution id of a sub-orchestration or a continued-as-new execution. */
  newExecutionId: () => string;
  row: InstanceRow;
  /** The current execution's ExecutionStarted, if it is in the past events. */
  executionStarted: pb.ExecutionStartedEvent | undefined;
  /** Past events, decoded on demand (only recursive termination needs them). */
  pastEvents: () => readonly pb.HistoryEvent[];
  /** The processed new events, starting with OrchestratorStarted. */
  newEvents: readonly pb.HistoryEvent[];
  actions: readonly pb.OrchestratorAction[];
  customStatus: StringValue | undefined;
  /** Current state of another orchestration in the same hub. */
  lookup(instanceId: string): InstanceRow | undefined;
}

export interface ActivityDispatch {
  executionId: string;
  request: pb.ActivityRequest;
}

export interface StepOutput {
  row: InstanceRow;
  /** "append": add `events` after the past events; "replace": the history becomes `events`. */
  history: { mode: "append" | "replace"; events: pb.HistoryEvent[] };
  messages: OutgoingMessage[];
  activities: ActivityDispatch[];
  /** Sub-orchestrations created by this episode (terminal predecessors with the same id are replaced). */
  createdInstances: InstanceRow[];
  /** Continue-as-new: the instance's other pending inbox messages must be re-queued after `messages`. */
  continuedAsNew: boolean;
  /** Children to re-create when a rewound history is applied (instance ids). */
  rewound: boolean;
}

/** What an action handler may read: the episode as folded so far. Handlers never mutate it. */
export interface StepState {
  readonly now: number;
  /** The instance row after the new events and the earlier actions of this episode. */
  readonly row: Readonly<InstanceRow>;
  /** The current execution's ExecutionStarted (past or new events). */
  readonly started: pb.ExecutionStartedEvent | undefined;
  /** Some new event of this episode terminated the instance with `recurse` set. */
  readonly terminateRecurse: boolean;
  readonly newExecutionId: () => string;
  /** Another orchestration's row, including the ones created earlier in this episode. */
  lookup(instanceId: string): InstanceRow | undefined;
  /** Whether an earlier action of this episode already created `instanceId`. */
  createdInEpisode(instanceId: string): boolean;
  /** Past events followed by the events this episode appended so far. */
  history(): readonly pb.HistoryEvent[];
}

/** What one action contributes to the episode; absent fields contribute nothing. */
export interface ActionEffect {
  /** Appended to the history after the earlier ones. */
  events?: pb.HistoryEvent[];
  messages?: OutgoingMessage[];
  activities?: ActivityDispatch[];
  createdInstances?: InstanceRow[];
  /** Fields of the instance row this action sets. */
  row?: Partial<InstanceRow>;
  /** The history is replaced by these events (continue-as-new, rewind). */
  replaceHistory?: pb.HistoryEvent[];
  /**
   * A new execution starts: activities and timers the finished execution scheduled earlier in this episode are
   * dropped, messages to other instances stay (microsoft/durabletask-js #136).
   */
  continuedAsNew?: boolean;
  rewound?: boolean;
}

export type ActionHandler = (state: StepState, action: pb.OrchestratorAction) => ActionEffect;

/** Finds ExecutionStarted in an episode's events (always present in past ∪ new). */
export function findExecutionStarted(
  ...lists: readonly (readonly pb.HistoryEvent[])[]
): pb.ExecutionStartedEvent | undefined {
  for (const list of lists) {
    for (const event of list) {
      if (event.hasExecutionstarted()) return event.getExecutionstarted();
    }
  }
  return undefined;
}

export function instanceOf(instanceId: string, executionId: string): pb.OrchestrationInstance {
  const instance = new pb.OrchestrationInstance();
  instance.setInstanceid(instanceId);
  instance.setExecutionid(stringValue(executionId));
  return instance;
}

/** A message to `instanceId`'s inbox, visible now and not bound to one of its executions. */
export function messageTo(
  instanceId: string,
  now: number,
  event: pb.HistoryEvent,
): OutgoingMessage {
  return { instanceId, executionId: null, visibleAt: now, event };
}
