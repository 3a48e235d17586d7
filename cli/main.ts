// The dtsx command line: one program, one subcommand module per concern under cli/commands/.
import { Command } from "commander";
import { version } from "../package.json";

const program = new Command()
  .name("dtsx")
  .description("Provision, govern and locally run Azure Durable Task Scheduler")
  .version(version)
  .showHelpAfterError();

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`dtsx: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
