import { describe, expect, it } from "vitest";
import { pb, StringValue } from "../../../../emulator/core/proto";
import { scheduleTask } from "../../../../emulator/core/step/scheduleTask";
import type { StepState } from "../../../../emulator/core/step/types";
import { Status } from "../../../../emulator/core/status";
import type { InstanceRow } from "../../../../emulator/store/store";

const row = {
  hub: "h",
  instanceId: "i",
  executionId: "e",
  name: "o",
  version: null,
  status: Status.ORCHESTRATION_STATUS_RUNNING,
} as InstanceRow;
const state: StepState = {
  now: 1000,
  row,
  started: undefined,
  terminateRecurse: false,
  newExecutionId: () => "x",
  lookup: () => undefined,
  createdInEpisode: () => false,
  history: () => [],
};

function action(name: string, input?: string): pb.OrchestratorAction {
  const task = new pb.ScheduleTaskAction();
  task.setName(name);
  if (input !== undefined) {
    const v = new StringValue();
    v.setValue(input);
    task.setInput(v);
  }
  const a = new pb.OrchestratorAction();
  a.setId(3);
  a.setScheduletask(task);
  return a;
}

describe("scheduleTask", () => {
  it.each([["plain", action("act", "1")]])(
    "%s: TaskScheduled with the action id and one activity for this execution",
    (_l, a) => {
      const effect = scheduleTask(state, a);
      expect(effect.events?.map((e) => [e.getEventid(), e.getTaskscheduled()?.getName()])).toEqual([
        [3, "act"],
      ]);
      expect(
        effect.activities?.map((x) => [
          x.executionId,
          x.request.getTaskid(),
          x.request.getInput()?.getValue(),
        ]),
      ).toEqual([["e", 3, "1"]]);
    },
  );
  it.each([
    ["name over the name limit", action("n".repeat(2000)), /scheduleTask\[3\]\.name/],
    ["input over 1 MB", action("act", "x".repeat(1024 * 1024 + 1)), /scheduleTask\[3\]\.input/],
  ])("refuses %s, naming the field", (_l, a, message) => {
    expect(() => scheduleTask(state, a)).toThrow(message);
  });
});
