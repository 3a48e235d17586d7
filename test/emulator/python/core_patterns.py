"""Core Durable Task patterns through the official Python SDK (durabletask-azuremanaged, pinned in
test/emulator/python/requirements.txt) against the dtsx emulator, connecting with
`taskhub` metadata and no credential.

Usage: python core_patterns.py --endpoint http://localhost:PORT [--taskhub default] [--only name,name]

Prints one line per scenario, `SCENARIO {"name": ..., "ok": true|false, "detail": ...}`, and exits 0 only if every
scenario passed. test/emulator/python/pythonSdk.test.ts runs it and asserts each line.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import traceback
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from durabletask import entities, task
from durabletask.azuremanaged.client import DurableTaskSchedulerClient
from durabletask.azuremanaged.worker import DurableTaskSchedulerWorker
from durabletask.client import OrchestrationQuery, OrchestrationStatus

WAIT_SECONDS = 60
RUN = uuid.uuid4().hex[:8]


# ---- activities, orchestrators, entities -------------------------------------------------------------------------


def say_hello(ctx: task.ActivityContext, city: str) -> str:
    return f"Hello, {city}!"


def square(ctx: task.ActivityContext, value: int) -> int:
    return value * value


def activity_sequence(ctx: task.OrchestrationContext, _: Any):
    greetings = []
    for city in ["Tokyo", "Seattle", "London"]:
        greetings.append((yield ctx.call_activity(say_hello, input=city)))
    return greetings


def fan_out_fan_in(ctx: task.OrchestrationContext, count: int):
    results = yield task.when_all([ctx.call_activity(square, input=i) for i in range(count)])
    return sum(results)


def durable_timer(ctx: task.OrchestrationContext, _: Any):
    started = ctx.current_utc_datetime
    yield ctx.create_timer(timedelta(seconds=1))
    return (ctx.current_utc_datetime - started).total_seconds()


def wait_for_approval(ctx: task.OrchestrationContext, _: Any):
    approval = yield ctx.wait_for_external_event("approval")
    return {"approved": approval}


def child_increment(ctx: task.OrchestrationContext, value: int):
    return value + 1


def parent_with_children(ctx: task.OrchestrationContext, value: int):
    first = yield ctx.call_sub_orchestrator(child_increment, input=value)
    second = yield ctx.call_sub_orchestrator(
        child_increment, input=first, instance_id=f"{ctx.instance_id}-child"
    )
    return [first, second]


class Counter(entities.DurableEntity):
    def add(self, amount: int) -> int:
        self.set_state(self.get_state(int, 0) + amount)
        return self.get_state(int, 0)

    def get(self) -> int:
        return self.get_state(int, 0)


def add_through_entity(ctx: task.OrchestrationContext, key: str):
    entity_id = entities.EntityInstanceId("Counter", key)
    total = yield ctx.call_entity(entity_id, "add", input=10)
    return total


# ---- scenarios -----------------------------------------------------------------------------------------------------


class ScenarioFailure(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise ScenarioFailure(message)


def new_id(label: str) -> str:
    return f"py-{RUN}-{label}"


def completed(client: DurableTaskSchedulerClient, instance_id: str):
    state = client.wait_for_orchestration_completion(instance_id, timeout=WAIT_SECONDS)
    check(state is not None, f"{instance_id}: no state after waiting")
    assert state is not None
    check(
        state.runtime_status == OrchestrationStatus.COMPLETED,
        f"{instance_id}: status {state.runtime_status.name}, failure {state.failure_details}",
    )
    return state


def wait_for_status(client: DurableTaskSchedulerClient, instance_id: str, status: OrchestrationStatus):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        state = client.get_orchestration_state(instance_id)
        if state is not None and state.runtime_status == status:
            return state
        time.sleep(0.1)
    raise ScenarioFailure(f"{instance_id}: never reached {status.name}")


def scenario_activity_sequence(client: DurableTaskSchedulerClient, ids: dict[str, str]) -> str:
    instance_id = client.schedule_new_orchestration(activity_sequence, instance_id=new_id("sequence"))
    ids["sequence"] = instance_id
    output = completed(client, instance_id).get_output()
    check(output == ["Hello, Tokyo!", "Hello, Seattle!", "Hello, London!"], f"output {output!r}")
    return f"output {output}"


def scenario_fan_out_fan_in(client: DurableTaskSchedulerClient, ids: dict[str, str]) -> str:
    instance_id = client.schedule_new_orchestration(fan_out_fan_in, input=20, instance_id=new_id("fanout"))
    ids["fanout"] = instance_id
    output = completed(client, instance_id).get_output()
    expected = sum(i * i for i in range(20))
    check(output == expected, f"output {output!r} != {expected}")
    return f"sum of 20 squares = {output}"


def scenario_timer(client: DurableTaskSchedulerClient, ids: dict[str, str]) -> str:
    instance_id = client.schedule_new_orchestration(durable_timer, instance_id=new_id("timer"))
    elapsed = completed(client, instance_id).get_output()
    check(isinstance(elapsed, (int, float)) and elapsed >= 1.0, f"orchestration time advanced only {elapsed!r} s")
    return f"timer fired after {elapsed:.3f} s of orchestration time"


def scenario_external_event(client: DurableTaskSchedulerClient, ids: dict[str, str]) -> str:
    instance_id = client.schedule_new_orchestration(wait_for_approval, instance_id=new_id("event"))
    client.wait_for_orchestration_start(instance_id, timeout=WAIT_SECONDS)
    client.raise_orchestration_event(instance_id, "approval", data="yes")
    output = completed(client, instance_id).get_output()
    check(output == {"approved": "yes"}, f"output {output!r}")
    # An event raised before the orchestration first runs is queued, not lost.
    early_id = client.schedule_new_orchestration(
        wait_for_approval,
        instance_id=new_id("event-early"),
        start_at=datetime.now(timezone.utc) + timedelta(seconds=1),
    )
    client.raise_orchestration_event(early_id, "approval", data="early")
    early = completed(client, early_id).get_output()
    check(early == {"approved": "early"}, f"early event output {early!r}")
    return "event delivered while waiting and before the first episode"


def scenario_sub_orchestrations(client: DurableTaskSchedulerClient, ids: dict[str, str]) -> str:
    instance_id = client.schedule_new_orchestration(parent_with_children, input=1, instance_id=new_id("parent"))
    output = completed(client, instance_id).get_output()
    check(output == [2, 3], f"output {output!r}")
    child = client.get_orchestration_state(f"{instance_id}-child")
    check(child is not None and child.runtime_status == OrchestrationStatus.COMPLETED, f"named child state {child}")
    return "two sub-orchestrations (generated and explicit ids) completed"


def scenario_terminate(client: DurableTaskSchedulerClient, ids: dict[str, str]) -> str:
    instance_id = client.schedule_new_orchestration(wait_for_approval, instance_id=new_id("terminate"))
    client.wait_for_orchestration_start(instance_id, timeout=WAIT_SECONDS)
    client.terminate_orchestration(instance_id, output="stopped by test")
    state = client.wait_for_orchestration_completion(instance_id, timeout=WAIT_SECONDS)
    check(state is not None and state.runtime_status == OrchestrationStatus.TERMINATED, f"state {state}")
    assert state is not None
    check(state.get_output() == "stopped by test", f"output {state.serialized_output!r}")
    return "TERMINATED with the given output"


def scenario_suspend_resume(client: DurableTaskSchedulerClient, ids: dict[str, str]) -> str:
    instance_id = client.schedule_new_orchestration(wait_for_approval, instance_id=new_id("suspend"))
    client.wait_for_orchestration_start(instance_id, timeout=WAIT_SECONDS)
    client.suspend_orchestration(instance_id)
    wait_for_status(client, instance_id, OrchestrationStatus.SUSPENDED)
    client.raise_orchestration_event(instance_id, "approval", data="while suspended")
    time.sleep(1.5)
    state = client.get_orchestration_state(instance_id)
    check(
        state is not None and state.runtime_status == OrchestrationStatus.SUSPENDED,
        f"a suspended orchestration progressed: {state}",
    )
    client.resume_orchestration(instance_id)
    output = completed(client, instance_id).get_output()
    check(output == {"approved": "while suspended"}, f"output {output!r}")
    return "stayed SUSPENDED with a pending event, completed after resume"


def scenario_query(client: DurableTaskSchedulerClient, ids: dict[str, str]) -> str:
    check("sequence" in ids and "fanout" in ids, "query needs the sequence and fan-out scenarios to have run")
    states = client.get_all_orchestration_states(
        OrchestrationQuery(
            runtime_status=[OrchestrationStatus.COMPLETED],
            created_time_from=datetime.now(timezone.utc) - timedelta(hours=1),
        )
    )
    found = {state.instance_id for state in states}
    check({ids["sequence"], ids["fanout"]} <= found, f"query result misses our instances ({len(found)} found)")
    check(
        all(state.runtime_status == OrchestrationStatus.COMPLETED for state in states),
        "status filter returned a non-COMPLETED instance",
    )
    page = client.list_instance_ids(runtime_status=[OrchestrationStatus.COMPLETED], page_size=1000)
    check(ids["sequence"] in page.items, "list_instance_ids misses the sequence instance")
    return f"{len(states)} COMPLETED instances via QueryInstances, {len(page.items)} ids via ListInstanceIds"


def scenario_purge(client: DurableTaskSchedulerClient, ids: dict[str, str]) -> str:
    instance_id = client.schedule_new_orchestration(activity_sequence, instance_id=new_id("purge"))
    completed(client, instance_id)
    result = client.purge_orchestration(instance_id)
    check(result.deleted_instance_count == 1, f"deleted {result.deleted_instance_count}")
    check(client.get_orchestration_state(instance_id) is None, "purged instance still readable")
    again = client.purge_orchestration(instance_id)
    check(again.deleted_instance_count == 0, f"second purge deleted {again.deleted_instance_count}")
    return "purged once, gone afterwards, second purge deletes nothing"


def scenario_entities(client: DurableTaskSchedulerClient, ids: dict[str, str]) -> str:
    key = f"py-{RUN}"
    entity_id = entities.EntityInstanceId("Counter", key)
    for _ in range(3):
        client.signal_entity(entity_id, "add", input=5)
    deadline = time.monotonic() + WAIT_SECONDS
    state = None
    while time.monotonic() < deadline:
        metadata = client.get_entity(entity_id)
        state = metadata.get_state(int) if metadata is not None else None
        if state == 15:
            break
        time.sleep(0.1)
    check(state == 15, f"entity state after three signals: {state!r}")
    instance_id = client.schedule_new_orchestration(add_through_entity, input=key, instance_id=new_id("entity"))
    output = completed(client, instance_id).get_output()
    check(output == 25, f"call_entity returned {output!r}")
    metadata = client.get_entity(entity_id)
    check(metadata is not None and metadata.get_state(int) == 25, "entity state after call_entity")
    return "three signals then call_entity from an orchestration: 25"


SCENARIOS: list[tuple[str, Callable[[DurableTaskSchedulerClient, dict[str, str]], str]]] = [
    ("activity sequence", scenario_activity_sequence),
    ("fan-out/fan-in", scenario_fan_out_fan_in),
    ("durable timer", scenario_timer),
    ("external events", scenario_external_event),
    ("sub-orchestrations", scenario_sub_orchestrations),
    ("terminate", scenario_terminate),
    ("suspend/resume", scenario_suspend_resume),
    ("query", scenario_query),
    ("purge", scenario_purge),
    ("entities", scenario_entities),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--endpoint", required=True, help="gRPC endpoint, e.g. http://localhost:8080")
    parser.add_argument("--taskhub", default="default")
    parser.add_argument("--only", default="", help="comma-separated scenario names to run")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    selected = {name.strip() for name in args.only.split(",") if name.strip()}

    # token_credential=None: the emulator's connection string says Authentication=None, so the SDK sends only
    # the `taskhub` and `x-user-agent` metadata; an http:// endpoint selects an insecure channel.
    connection = dict(host_address=args.endpoint, taskhub=args.taskhub, token_credential=None, secure_channel=False)
    worker = DurableTaskSchedulerWorker(**connection)
    for orchestrator in (
        activity_sequence,
        fan_out_fan_in,
        durable_timer,
        wait_for_approval,
        child_increment,
        parent_with_children,
        add_through_entity,
    ):
        worker.add_orchestrator(orchestrator)
    worker.add_activity(say_hello)
    worker.add_activity(square)
    worker.add_entity(Counter)
    client = DurableTaskSchedulerClient(**connection)

    failures = 0
    ids: dict[str, str] = {}
    worker.start()
    try:
        for name, scenario in SCENARIOS:
            if selected and name not in selected:
                continue
            started = time.monotonic()
            try:
                detail = scenario(client, ids)
                ok = True
            except Exception as error:  # noqa: BLE001 — every failure is reported, never swallowed
                ok = False
                failures += 1
                detail = f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=3)}"
            record = {"name": name, "ok": ok, "detail": detail, "seconds": round(time.monotonic() - started, 3)}
            print(f"SCENARIO {json.dumps(record)}", flush=True)
    finally:
        worker.stop()
        client.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
