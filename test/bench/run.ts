// Every benchmark, for `npm run bench`: the engine's micro-benchmarks, then the hand-written yardstick.
// Benchmarks print and never assert: timings on shared machines are too noisy to fail a build on.

import { printEngineMicro } from './engineMicro.ts';
import { printYardstick } from './yardstick.ts';

console.log(`Node ${process.version}, ${process.platform} ${process.arch}`);
printEngineMicro();
printYardstick();
