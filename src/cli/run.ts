/**
 * `caresim run MODEL`. The simulation itself is not built yet (issue 3); until it is, `run`
 * validates the model and prints its summary, and says plainly that nothing was simulated.
 */
import { validateCommand } from './validate.ts';

export function runCommand(model: string): number {
  const code = validateCommand([model], {});
  if (code === 0) {
    console.log('');
    console.log(
      'Note: the simulation engine is not built yet; this run validated and summarised the model only.',
    );
  }
  return code;
}
