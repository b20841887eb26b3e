/**
 * What a set of 903 returns holds, for `caresim data check`: children, episodes, years, residential
 * placements by type and provider, and the children in residential care on each 31 March, own
 * provision against external. Counts are of children's records, so the report suppresses small
 * ones (disclosure.ts).
 */
import { collectionYearEnd } from './dates.ts';
import type { MergedData, Placement } from './placements.ts';
import { DEFAULT_RESIDENTIAL } from './spec903.ts';

export interface ResidentialRule {
  /** Placement types read as residential. */
  places: readonly string[];
  /** Whether a residential placement is the council's own (default: provider PR1). */
  own: (p: Placement) => boolean;
}

export const DEFAULT_RULE: ResidentialRule = {
  places: DEFAULT_RESIDENTIAL,
  own: (p) => p.provider === 'PR1',
};

export interface DataSummary {
  children: number;
  episodes: number;
  placements: number;
  years: number[];
  /** Residential placements by placement type then provider. */
  residentialByType: { place: string; provider: string; placements: number }[];
  /** Children in residential care on the last day of each collection year. */
  onYearEnd: { date: number; own: number; external: number }[];
  /** Residential placements still open at the extract date. */
  openAtExtract: number;
}

export function summarise903(m: MergedData, rule: ResidentialRule = DEFAULT_RULE): DataSummary {
  const counts = new Map<string, number>();
  let placements = 0;
  let open = 0;
  for (const c of m.children)
    for (const p of c.placements) {
      placements++;
      if (!rule.places.includes(p.place)) continue;
      const key = `${p.place}\u0000${p.provider}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (p.end === null) open++;
    }
  const onYearEnd = m.years.map((y) => {
    const date = collectionYearEnd(y);
    let own = 0;
    let external = 0;
    for (const c of m.children)
      for (const p of c.placements)
        if (rule.places.includes(p.place) && p.start <= date && (p.end === null || p.end > date)) {
          if (rule.own(p)) own++;
          else external++;
        }
    return { date, own, external };
  });
  return {
    children: m.children.length,
    episodes: m.notes.episodesUsed,
    placements,
    years: m.years,
    residentialByType: [...counts]
      .map(([k, n]) => {
        const [place, provider] = k.split('\u0000') as [string, string];
        return { place, provider, placements: n };
      })
      .sort((a, b) =>
        a.place === b.place ? (a.provider < b.provider ? -1 : 1) : a.place < b.place ? -1 : 1,
      ),
    onYearEnd,
    openAtExtract: open,
  };
}
