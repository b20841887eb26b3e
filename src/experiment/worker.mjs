// Worker-thread entry for the replication pool (runner.ts). It loads worker.ts through tsx's
// ESM loader, registered here for this thread. Given the .ts file itself, Piscina would
// require() it and tsx would compile it and its imports to CommonJS, where every imported
// constant (event kinds, location codes) is read through a getter: replications ran 40-50%
// slower in a worker than on the main thread that way.
import { register } from 'tsx/esm/api';

register();
const handler = import('./worker.ts');

export default async function work(task) {
  return (await handler).default(task);
}
