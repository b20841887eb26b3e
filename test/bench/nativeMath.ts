// What the portable elementary functions cost. The simulation takes log, log1p and exp from @stdlib's ports of
// fdlibm, so that every JavaScript engine gives the same bits (docs/model.md, "Numerics"). This bundles
// kernelPairs.ts twice with esbuild, once as it is and once with those three modules replaced by V8's
// Math.log, Math.log1p and Math.exp (results then may differ in the last bit: not a change caresim makes),
// and runs each bundle in a process of its own, printing the full model's and the engine floor's speed
// against the hand-written loop (docs/performance.md, "Not fast enough").
//
// Run: npx tsx test/bench/nativeMath.ts [rounds=4] [replications=1000]

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const rounds = Number(process.argv[2] ?? 4);
const reps = Number(process.argv[3] ?? 1000);
const work = mkdtempSync(join(tmpdir(), 'caresim-native-math-'));

/** Bundle kernelPairs.ts (with module aliases) and run it in a process of its own. */
async function runBundle(name: string, alias: Record<string, string>): Promise<string> {
  const out = join(work, `${name}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'test/bench/kernelPairs.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    alias,
    logLevel: 'error',
    // Bundled CommonJS packages call require for Node's own modules.
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
  });
  // Imported, not run as the main script: the bundled modules' own command-line blocks stay quiet.
  const script = `const { kernelPairs } = await import(${JSON.stringify(pathToFileURL(out).href)});
for (const r of kernelPairs(${rounds}, ${reps})) console.log(\`  full / yardstick \${(r.full / r.yardstick).toFixed(3)}, floor / yardstick \${(r.floor / r.yardstick).toFixed(3)}\`);`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

try {
  const shim = (fn: string) => {
    const file = join(work, `${fn}.cjs`);
    writeFileSync(file, `module.exports = Math.${fn};\n`);
    return file;
  };
  const native = {
    '@stdlib/math-base-special-ln': shim('log'),
    '@stdlib/math-base-special-log1p': shim('log1p'),
    '@stdlib/math-base-special-exp': shim('exp'),
  };
  console.log(
    `loss system, ${reps} replications a round, ${rounds} rounds, each bundle in a process of its own`,
  );
  console.log("portable functions (@stdlib's fdlibm ports, as caresim runs):");
  process.stdout.write(await runBundle('portable', {}));
  console.log("V8's Math.log, Math.log1p and Math.exp in their place:");
  process.stdout.write(await runBundle('native', native));
} finally {
  rmSync(work, { recursive: true, force: true });
}
