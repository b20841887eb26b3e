/**
 * Progress on long work, for the command line and the notebooks alike: a bar on a terminal
 * (cli-progress), and a plain line every five seconds otherwise (a log, CI), so that nobody
 * stares at a silent screen wondering whether a sweep has hung.
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

/**
 * A progress reporter on standard error.
 * @param unit what is counted: "replications", "points", "runs"
 */
export function makeProgress(quiet: boolean, unit = 'replications'): Progress {
  if (quiet) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: `${unit} {bar} {value}/{total}  {rate} a second  {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
    });
    let begun = false;
    return {
      update: (done, total) => {
        if (!begun) {
          bar.start(total, 0, { rate: '-' });
          begun = true;
        }
        bar.setTotal(total);
        bar.update(done, { rate: (done / ((Date.now() - started) / 1000)).toFixed(1) });
      },
      stop: () => {
        if (begun) bar.stop();
        begun = false;
      },
    };
  }
  let last = 0;
  return {
    update: (done, total) => {
      const now = Date.now();
      if (done === total || now - last > 5000) {
        last = now;
        const rate = done / ((now - started) / 1000);
        const left = rate > 0 ? Math.round((total - done) / rate) : 0;
        console.error(`${unit} ${done}/${total}, ${rate.toFixed(1)} a second, about ${left} s left`);
      }
    },
    stop: () => {},
  };
}
