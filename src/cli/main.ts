/**
 * The `caresim` command line: argument parsing and wiring only. Each command's work lives
 * in its own module; this file maps words and flags onto them and sets the exit code.
 */
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { MAX_YEARS } from '../scenario/limits.ts';
// Each command's modules load only when it is run, so that `--version`, `--help` and a usage
// error start at once, and no command pays for another's (903 returns, spreadsheets, charts).
import type { BacktestCommandOptions, CalibrateCommandOptions } from './data.ts';
import type { RunCommandOptions, SweepCommandOptions } from './run.ts';
const dataCommands = () => import('./data.ts');
const runCommands = () => import('./run.ts');
const validation = () => import('./validate.ts');

const int =
  (name: string, min: number, max = Number.MAX_SAFE_INTEGER, why = '') =>
  (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `${name} must be a whole number of ${min} or more`
          : `${name} must be a whole number from ${min} to ${max}${why}`,
      );
    return n;
  };
/** A horizon: as long as a model file may ask for. */
const years = int('--years', 1, MAX_YEARS, ' (a model file may ask for as many)');
/** Worker threads: more than the machine's cores only slow a run down. */
const workers = int(
  '--workers',
  1,
  availableParallelism(),
  ": this machine's cores (more only slow a run down)",
);

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
  .action(async (files: string[], opts: { provenance?: boolean; quiet?: boolean }) => {
    process.exitCode = (await validation()).validateCommand(files, opts);
  });

const data = program
  .command('data')
  .description(
    "commands on a council's own SSDA903 returns (Header and Episodes files), read on this machine only",
  );

data
  .command('check')
  .description(
    'read 903 Header, Episodes and UASC files (CSV or .xlsx, or folders of them), check them against the DfE specification of their year, and summarise them',
  )
  .argument('<files...>', 'files or folders')
  .option(
    '--suppress-below <n>',
    'show counts of 1 to n-1 children as "<n" (disclosure control)',
    (v) => int('--suppress-below', 1)(v),
    5,
  )
  .action(async (files: string[], opts: { suppressBelow: number }) => {
    process.exitCode = await (await dataCommands()).dataCheckCommand(files, opts);
  });

data
  .command('synth')
  .description(
    'write synthetic 903 returns from one simulated run of a model (every child simulated): a Header and an Episodes CSV for each whole collection year of the horizon',
  )
  .argument('<model>', 'model file')
  .requiredOption('-o, --out <dir>', 'folder to write (must not exist)')
  .option('-y, --years <n>', "horizon in years (default: the model file's)", years)
  .option('-s, --seed <n>', "master seed (default: the model file's)", (v) => int('--seed', 0)(v))
  .option(
    '--mess',
    "add the usual mess of real returns: holidays (T1), changes of legal status only, short breaks, Excel's byte-order mark",
  )
  .action(async (model: string, opts: { out: string; years?: number; seed?: number; mess?: boolean }) => {
    process.exitCode = (await dataCommands()).dataSynthCommand(model, opts);
  });

program
  .command('calibrate')
  .description(
    "estimate a model's referrals, ages, lengths of stay, breakdowns and step-downs from a council's 903 returns, each with its uncertainty, and write a model file extending the base",
  )
  .requiredOption('-d, --data <files...>', '903 files or folders')
  .requiredOption(
    '-b, --base <model>',
    'the model supplying homes, the ART, prices and costs (and its calibration section)',
  )
  .requiredOption('-o, --out <model>', 'the calibrated model file to write (must not exist)')
  .option(
    '--from <date>',
    "first day of the reference window, YYYY-MM-DD (default: the first return's 1 April)",
  )
  .option('--to <date>', "last day of the reference window (default: the last return's 31 March)")
  .option('--start <date>', "the calibrated model's start (default: the day after the window)")
  .option('-s, --seed <n>', "seed of the draws that carry each estimate's uncertainty", (v) =>
    int('--seed', 0)(v),
  )
  .option(
    '--suppress-below <n>',
    'show counts of 1 to n-1 children as "<n" in the report',
    (v) => int('--suppress-below', 1)(v),
    5,
  )
  .action(async (opts: CalibrateCommandOptions) => {
    process.exitCode = await (await dataCommands()).calibrateCommand(opts);
  });

program
  .command('backtest')
  .description(
    'calibrate on the 903 data up to a date, simulate the years after it from the children in care that day, and compare month by month with what the data say happened',
  )
  .requiredOption('-d, --data <files...>', '903 files or folders')
  .requiredOption(
    '-b, --base <model>',
    'the model supplying homes, the ART, prices and costs (and its calibration section)',
  )
  .requiredOption('--fit-to <date>', 'the last day of data the calibration may see, YYYY-MM-DD')
  .requiredOption('-y, --years <n>', 'years to simulate after it', years)
  .requiredOption('-o, --out <dir>', 'results folder (must not exist)')
  .option('-r, --reps <n>', "replications (default: the base model file's)", (v) => int('--reps', 2)(v))
  .option('-s, --seed <n>', "master seed (default: the base model file's)", (v) => int('--seed', 0)(v))
  .option(
    '--suppress-below <n>',
    'leave out actual counts of 1 to n-1 children (disclosure control)',
    (v) => int('--suppress-below', 1)(v),
    5,
  )
  .option('-q, --quiet', 'no progress')
  .action(async (opts: BacktestCommandOptions) => {
    process.exitCode = await (await dataCommands()).backtestCommand(opts);
  });

const fraction = (name: string, example: string) => (v: string) => {
  const p = Number(v);
  if (!(p > 0 && p < 1))
    throw new InvalidArgumentError(`${name} must be a fraction between 0 and 1, such as ${example}`);
  return p;
};

const windowOf = (v: string) => {
  const m = /^(\d{4}\/\d{2})(?::(\d{4}\/\d{2}))?$/.exec(v);
  if (!m)
    throw new InvalidArgumentError(
      '--window must be a financial year, or two joined by a colon, such as 2024/25 or 2024/25:2032/33',
    );
  return m[2] === undefined ? { from: m[1]! } : { from: m[1]!, to: m[2] };
};
const WINDOW_HELP =
  "financial years the whole-run headlines cover, FROM or FROM:TO, e.g. 2024/25 (default: the model file's time.window, else the whole horizon)";

const shardOf = (v: string) => {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index < count))
    throw new InvalidArgumentError('--shard must be i/n with 0 <= i < n, such as 0/4');
  return { index, count };
};

program
  .command('run')
  .description('run replications of a model and write its results folder')
  .argument('<model>', 'model or scenario file')
  .option('-r, --reps <n>', "replications (default: the model file's run.replications)", int('--reps', 1))
  .option('-s, --seed <n>', "master seed (default: the model file's run.seed)", int('--seed', 0))
  .option('-y, --years <n>', "horizon in years (default: the model file's time.years)", years)
  .option('--window <fy[:fy]>', WINDOW_HELP, windowOf)
  .option('-o, --out <dir>', 'results folder (default: runs/<model>-<time>)')
  .option(
    '-w, --workers <n>',
    'worker threads (default: the main thread for a short run, else one per core)',
    workers,
  )
  .option('-q, --quiet', 'no progress and no table: only where the results are')
  .option(
    '--precision <p>',
    'add replications until the decision metrics are precise: cost over the window and in the target year, and children out of county, within p of their means, the overflow share within ±p (0.05)',
    fraction('--precision', '0.05'),
  )
  .option('--max-reps <n>', 'the most replications --precision may run (default 10000)', int('--max-reps', 2))
  .option('--shard <i/n>', 'run only slice i of n of the replications (0-based), for caresim merge', shardOf)
  .option(
    '--fixed-parameters',
    'run every number at its central value, ignoring the beliefs the model states',
  )
  .option('--no-charts', 'do not draw the charts or write the reports (faster)')
  .action(async (model: string, opts: RunCommandOptions) => {
    process.exitCode = await (await runCommands()).runCommand(model, opts);
  });

program
  .command('merge')
  .description("combine the results folders of the shards of one run into that run's results")
  .argument('<dirs...>', 'the shard folders (written by caresim run --shard i/n)')
  .requiredOption('-o, --out <dir>', 'the merged results folder')
  .action(async (dirs: string[], opts: { out: string }) => {
    process.exitCode = await (await runCommands()).mergeCommand(dirs, opts.out);
  });

program
  .command('compare')
  .description('run a base and scenarios on the same replications (common random numbers) and compare them')
  .argument('<base>', 'the base model (e.g. models/scenarios/do-nothing.yaml)')
  .argument('<scenarios...>', 'scenario files to compare with the base')
  .option('-r, --reps <n>', "replications (default: the base's run.replications)", int('--reps', 1))
  .option('-s, --seed <n>', "master seed (default: the base's run.seed)", int('--seed', 0))
  .option('-y, --years <n>', 'horizon in years', years)
  .option('--window <fy[:fy]>', WINDOW_HELP, windowOf)
  .option('-o, --out <dir>', 'results folder (default: runs/compare-<base>-<time>)')
  .option(
    '-w, --workers <n>',
    'worker threads (default: the main thread for a short run, else one per core)',
    workers,
  )
  .option('-q, --quiet', 'no progress and no table')
  .option(
    '--precision <p>',
    'add replications until the decision metrics are precise: the target-year saving and cost avoided within p of their means, the chance of meeting the target within ±p (0.05)',
    fraction('--precision', '0.05'),
  )
  .option('--max-reps <n>', 'the most replications --precision may run (default 10000)', int('--max-reps', 2))
  .option(
    '--fixed-parameters',
    'run every number at its central value, ignoring the beliefs the model states',
  )
  .option('--no-charts', 'do not draw the charts or write the reports (faster)')
  .action(async (base: string, scenarios: string[], opts: RunCommandOptions) => {
    process.exitCode = await (await runCommands()).compareCommand([base, ...scenarios], opts);
  });

program
  .command('sweep')
  .description(
    'vary numeric fields of a model over values or ranges (full grid, or a Latin hypercube), every point on the same replications',
  )
  .argument('<model>', 'model or scenario file')
  .requiredOption(
    '--vary <path=values...>',
    'a field and its values: art.capacity.1.children=8,12,16 (listed) or homes.csHome2.beds=2:4:1 (range with step); repeat for more fields',
  )
  .option(
    '--lhs <n>',
    'a Latin hypercube of n points over the ranges instead of the full grid',
    int('--lhs', 2),
  )
  .option('--yes', 'start a sweep estimated to take over ten minutes without asking')
  .option(
    '--max-overflow-chance <p>',
    'answer: the fewest beds keeping the chance of any overflow for want of a bed below p (0.1 = 10%)',
    fraction('--max-overflow-chance', '0.1'),
  )
  .option(
    '--max-overflow-share <p>',
    'answer: the fewest beds keeping the average share of placements that go out of county for want of a suitable local bed below p (0.1 = 10%)',
    fraction('--max-overflow-share', '0.1'),
  )
  .option(
    '--year <fy>',
    'with --max-overflow-chance or --max-overflow-share: in this financial year, e.g. 2027/28 (default: every year)',
  )
  .option(
    '--from-year <fy>',
    'with --max-overflow-chance or --max-overflow-share: every year from this one, e.g. 2026/27',
  )
  .option(
    '--minimise <metric...>',
    'answer: the option with the lowest mean of these headline metrics, e.g. cost.total',
  )
  .option('-r, --reps <n>', 'replications per point', int('--reps', 1))
  .option(
    '--fixed-parameters',
    'run every number at its central value, ignoring the beliefs the model states',
  )
  .option('-s, --seed <n>', 'master seed', int('--seed', 0))
  .option('-y, --years <n>', 'horizon in years', years)
  .option('-o, --out <dir>', 'results folder (default: runs/sweep-<model>-<time>)')
  .option(
    '-w, --workers <n>',
    'worker threads (default: the main thread for a short run, else one per core)',
    workers,
  )
  .option('-q, --quiet', 'no progress and no table')
  .action(async (model: string, opts: SweepCommandOptions) => {
    process.exitCode = await (await runCommands()).sweepCommand(model, opts);
  });

program
  .command('sensitivity')
  .description(
    'vary each parameter that has a low/high range, one at a time, and rank what the answer hangs on (tornado chart)',
  )
  .argument('<model>', 'model or scenario file')
  .option(
    '-b, --base <file>',
    'the model to save against (e.g. models/scenarios/do-nothing.yaml), for the saving in the target year',
  )
  .option(
    '-r, --reps <n>',
    'replications per run (default: 50, or fewer if the model file says so)',
    int('--reps', 2),
  )
  .option('-s, --seed <n>', 'master seed', int('--seed', 0))
  .option('-y, --years <n>', 'horizon in years', years)
  .option('-o, --out <dir>', 'results folder (default: runs/sensitivity-<model>-<time>)')
  .option(
    '-w, --workers <n>',
    'worker threads (default: the main thread for a short run, else one per core)',
    workers,
  )
  .option('-q, --quiet', 'no progress and no table')
  .action(async (model: string, opts: RunCommandOptions & { base?: string }) => {
    process.exitCode = await (await runCommands()).sensitivityCommand(model, opts);
  });

program
  .command('report')
  .description(
    'redraw the charts and reports of a results folder (of caresim run or compare) from its tables, without simulating again',
  )
  .argument('<runDir>', 'a folder written by caresim run or caresim compare')
  .action(async (dir: string) => {
    process.exitCode = await (await runCommands()).reportCommand(dir);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2;
  else throw e;
}
