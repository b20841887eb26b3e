/**
 * The "How do I answer…" commands of the README and docs/questions.md are real: each one, copied
 * as written (with few replications, so the test is quick), runs and gives the answer its page
 * says to read.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The caresim commands of a Markdown file: shell blocks' lines and table cells in backticks. */
function commands(markdown: string): string[] {
  const fenced = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    m[1]!.replace(/\\\n\s*/g, ' ').split('\n'),
  );
  const cells = [...markdown.matchAll(/`((?:compare|sweep|sensitivity|run) models\/[^`]+)`/g)].map(
    (m) => `npm run caresim -- ${m[1]}`,
  );
  return [...fenced, ...cells]
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l.startsWith('npm run caresim -- '))
    .map((l) => l.slice('npm run caresim -- '.length));
}

const docs = readFileSync('docs/questions.md', 'utf8');
const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## How do I answer'), readme.indexOf('## Using caresim'));
const all = [...new Set([...commands(docs), ...commands(section)])];

/** What each kind of command must print: the answer its page points to. */
const ANSWER: Record<string, RegExp> = {
  compare: /Chance of saving £2\.5m in 2027\/28|Revenue cost avoided/,
  sweep: /^(Fewest beds keeping|Option with the lowest)/m,
  sensitivity: /External price inflation +3\.0% to 12\.0%/,
};

describe('the questions the documentation answers', () => {
  it('lists every question of the README in docs/questions.md', () => {
    expect(section).toContain('docs/questions.md');
    for (const q of [...section.matchAll(/^\| ([A-Z][^|]+\?) +\|/gm)].map((m) => m[1]!.trim()))
      expect(docs, q).toContain(`## ${q.replace(/ 5% /, ' X% ')}`);
    expect(all.length).toBeGreaterThanOrEqual(7);
  });

  it.each(all)(
    '%s',
    async (command) => {
      const out = mkdtempSync(join(tmpdir(), 'caresim-question-'));
      const args = command.replace(/--reps \d+/, '--reps 2').split(/\s+/);
      const { stdout } = await run('node', ['src/cli/bin.js', ...args, '--out', join(out, 'r')], {
        timeout: 280_000,
        maxBuffer: 1 << 24,
      });
      expect(stdout).toMatch(ANSWER[args[0]!]!);
    },
    300_000,
  );
});
