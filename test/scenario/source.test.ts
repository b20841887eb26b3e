// What is refused before a model file is parsed (issue 16): a file too large or nested too deep to
// be a model, and keys JavaScript reserves; each with a message that names the file and says why.
import { describe, expect, it } from 'vitest';
import { MAX_MODEL_BYTES, MAX_MODEL_DEPTH, parseSource, SourceError } from '../../src/scenario/source.ts';

const refused = (text: string): SourceError => {
  try {
    parseSource('f.yaml', text);
  } catch (e) {
    if (e instanceof SourceError) return e;
    throw e;
  }
  throw new Error('accepted');
};

describe('a model file as text', () => {
  it('is refused when larger than a model can be, before it is parsed', () => {
    const e = refused(`caresim: 1\n# ${'x'.repeat(MAX_MODEL_BYTES)}\n`);
    expect(e.message).toMatch(/^5\.0 MB: a model file is at most 5 MB/);
  });

  it('is refused when nested deeper than a model, by flow or by indentation, at the line it happens', () => {
    const flow = refused(
      `caresim: 1\nx-a: ${'['.repeat(MAX_MODEL_DEPTH + 1)}${']'.repeat(MAX_MODEL_DEPTH + 1)}\n`,
    );
    expect(flow.message).toMatch(/^nested more than 64 levels deep/);
    expect(flow.line).toBe(2);
    let block = 'caresim: 1\nx-a:\n';
    for (let i = 1; i <= MAX_MODEL_DEPTH + 2; i++) block += `${'  '.repeat(i)}k:\n`;
    expect(refused(block).message).toMatch(/levels deep: a model file nests at most 64/);
  });

  it('refuses a file nested thousands deep, whose parsing runs out of stack, in words', () => {
    expect(refused(`caresim: 1\nx-a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`).message).toMatch(
      /^nested thousands of levels deep/,
    );
  });

  it('refuses more keys than a model has, before the slow parse', () => {
    expect(refused(`{${Array.from({ length: 60_000 }, (_, i) => `"k${i}":1`).join(',')}}`).message).toMatch(
      /^more than 50,000 keys/,
    );
  });

  it('reads brackets in text, quotes, block scalars and comments without counting them as nesting', () => {
    const bands = Array.from(
      { length: 80 },
      (_, i) => `  band ${i} covers ages [${i}, ${i + 1}) in years`,
    ).join('\n');
    const text = `caresim: 1\nname: "Children's [[[[ homes"\n# ${'['.repeat(100)}\nx-a: 'it''s [[['\nlabel: Children's home\nx-bands: |\n${bands}\n`;
    expect(() => parseSource('f.yaml', text)).not.toThrow();
  });

  it('refuses keys JavaScript reserves, at their line', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const e = refused(`caresim: 1\npolicies:\n  ${key}: {}\n`);
      expect(e.message).toBe(`"${key}" is not a key a model file may use (JavaScript reserves it)`);
      expect(e.line).toBe(3);
    }
  });
});
