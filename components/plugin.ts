// What the dtsx component package serves to other Pulumi languages (components/PulumiPlugin.yaml):
// Pulumi's schema inference reads this file, found through components/package.json `main` (`plugin.js` maps to
// it), and every class exported here becomes a `dtsx:index:<Class>` resource in the schema. See
// https://www.pulumi.com/docs/iac/using-pulumi/extending-pulumi/build-a-component/ and docs/components-and-stacks.md.
export { Scheduler } from "./scheduler/scheduler";
export { TaskHub } from "./taskHub/taskHub";
export { Access } from "./access/access";
