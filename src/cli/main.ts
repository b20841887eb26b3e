/**
 * The `caresim` command line: argument parsing and wiring only. Each command's work lives
 * in its own module; this file maps words and flags onto them and sets the exit code.
 */
import { Command, CommanderError } from 'commander';
import { validateCommand } from './validate.ts';
import { runCommand } from './run.ts';

const program = new Command()
  .name('caresim')
  .description("Seeded Monte Carlo simulation of children's residential care capacity")
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

program
  .command('validate')
  .description('check model files and summarise them, or list every error with its file and line')
  .argument('<files...>', 'model or scenario files (YAML or JSON)')
  .option('--provenance', 'list every number with its source or assumption')
  .option('-q, --quiet', 'print only whether each file is valid')
  .action((files: string[], opts: { provenance?: boolean; quiet?: boolean }) => {
    process.exitCode = validateCommand(files, opts);
  });

program
  .command('run')
  .description('run the simulation of a model (until the simulation lands: validate and summarise it)')
  .argument('<model>', 'model or scenario file')
  .action((model: string) => {
    process.exitCode = runCommand(model);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2;
  else throw e;
}
