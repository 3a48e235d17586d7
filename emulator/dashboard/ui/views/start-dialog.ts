import type { AppContext } from "../view";
import { api } from "../api";
import { fromLocalInput } from "../format";
import { paths } from "../router";

/** `env=prod, team=core` → {env:"prod", team:"core"}; a key without "=" gets an empty value. */
export function parseTagsText(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of text.split(",")) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const at = trimmed.indexOf("=");
    if (at < 0) tags[trimmed] = "";
    else tags[trimmed.slice(0, at).trim()] = trimmed.slice(at + 1).trim();
  }
  return tags;
}

/**
 * "+ New orchestration" (docs/reference/sidecar.md "Dashboard"): name, instance id, version, JSON input, scheduled
 * start, tags.
 */
export function openStartDialog(
  ctx: AppContext,
  hub: string,
  defaults: { name?: string } = {},
): void {
  ctx.dialogs.open({
    title: "Start a new orchestration",
    description: `In task hub ${hub}.`,
    confirmLabel: "Start",
    fields: [
      {
        kind: "text",
        name: "name",
        label: "Orchestration name",
        required: true,
        value: defaults.name ?? "",
      },
      {
        kind: "text",
        name: "instanceId",
        label: "Instance ID",
        placeholder: "generated when empty",
      },
      { kind: "text", name: "version", label: "Version", placeholder: "optional" },
      {
        kind: "textarea",
        name: "input",
        label: "Input (JSON)",
        placeholder: '{"city": "Seattle"}',
      },
      {
        kind: "datetime",
        name: "scheduledStartAt",
        label: "Scheduled start",
        hint: "Empty starts now.",
      },
      { kind: "text", name: "tags", label: "Tags", placeholder: "env=dev, team=core" },
    ],
    run: (values) => {
      const scheduledStartAt = fromLocalInput(values.text("scheduledStartAt"));
      const tags = parseTagsText(values.text("tags"));
      return api.start(hub, {
        name: values.text("name"),
        ...(values.text("instanceId") ? { instanceId: values.text("instanceId") } : {}),
        ...(values.text("version") ? { version: values.text("version") } : {}),
        ...(values.text("input") ? { input: values.text("input") } : {}),
        ...(scheduledStartAt ? { scheduledStartAt } : {}),
        ...(Object.keys(tags).length ? { tags } : {}),
      });
    },
    onSuccess: (result) => {
      if (result.instanceId) ctx.navigate(paths.instance(hub, result.instanceId));
    },
  });
}
