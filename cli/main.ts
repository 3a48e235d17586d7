// The dtsx command line: one program, one subcommand module per concern under cli/commands/.
import { Command } from "commander";
import { version } from "../package.json";
import { clockCommand } from "./commands/clock";
import { emulatorCommand } from "./commands/emulator";
import { planCommand } from "./commands/plan";

const program = new Command()
  .name("dtsx")
  .description("Provision, govern and locally run Azure Durable Task Scheduler")
  .version(version)
  .showHelpAfterError();

program.addCommand(planCommand());
program.addCommand(emulatorCommand());
program.addCommand(clockCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`dtsx: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
