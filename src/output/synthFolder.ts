/**
 * The folder `caresim data synth` writes: a Header and an Episodes CSV for each collection year,
 * as a council would export them (with the usual mess, Excel's byte-order mark and Windows line
 * ends too), and a note that says the children are simulated. Written whole or not at all.
 */
import { collectionYearLabel } from '../data/spec903.ts';
import { synthesise, synthReturns, type SynthOptions } from '../experiment/synth.ts';
import { csv } from './csv.ts';
import { RunDirectory } from './runDirectory.ts';

export interface SynthFolderOptions extends SynthOptions {
  out: string;
  modelFile: string;
  modelName: string;
}

export function writeSynthFolder(o: SynthFolderOptions): {
  dir: string;
  years: number[];
  children: number;
  episodes: number;
} {
  const dir = new RunDirectory(o.out);
  try {
    const r = synthesise(o);
    const text = (rows: string[][]) => {
      const t = csv(rows);
      return o.mess ? `\ufeff${t.replace(/\n/g, '\r\n')}` : t;
    };
    for (const y of synthReturns(r)) {
      const label = collectionYearLabel(y.year);
      dir.write(`header_${label}.csv`, text(y.header));
      dir.write(`episodes_${label}.csv`, text(y.episodes));
    }
    dir.write(
      'README.txt',
      [
        'SYNTHETIC DATA: every child here was simulated; none is a real child.',
        '',
        `Written by caresim data synth from the model "${o.modelName}" (${o.modelFile}),`,
        `seed ${o.seed}, replication ${o.replication ?? 0}${o.mess ? ', with the usual mess of real returns' : ''}.`,
        `Collection years: ${r.years.map(collectionYearLabel).join(', ')}.`,
        '',
      ].join('\n'),
    );
    dir.commit();
    return { dir: dir.target, years: r.years, children: r.children.length, episodes: r.episodes.length };
  } catch (e) {
    dir.abandon();
    throw e;
  }
}
