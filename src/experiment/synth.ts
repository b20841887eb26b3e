/**
 * Synthetic SSDA903 returns written by the simulation: one replication of a model with its trace
 * on, each child's journey written as the episodes a council's system would record (`caresim data
 * synth`). So a user can try the whole path without real data, and the round trip from known
 * parameters, through the returns, back to estimates is a test of the calibration.
 *
 * How journeys become episodes:
 * - a period of care starts (RNE S) at a child's first placement; a local home is a children's home
 *   (K2) of the council's own (PR1) with the home's URN; out of county, a private children's home
 *   (K2, PR4) with a URN of its own; an assessment bed, the council's K2 with the unit's URN;
 * - a move is a new episode (RNE P): after a breakdown, with one of the unplanned reasons for a
 *   change of placement; when brought back into county or moved at an age limit, with CARPL;
 *   moves on one day are one episode (a return never has two episodes starting on one day);
 * - a child referred on at an age limit stays where they are unless the model moves them;
 * - a step-down ends the residential episode (X1) and starts the onward placement the destination
 *   stands for (data/destinations.ts), which lasts to the 18th birthday; a return home ends care
 *   (REC E4A); leaving at an age limit ends care with E5;
 * - waiting for a local bed is an emergency foster placement (U6), outside residential care.
 *
 * The usual mess (`mess`): holidays (T1) inside long placements, changes of legal status only
 * (RNE L), and short-break children (V3), all of which the merging of years must undo.
 */
import {
  birthday,
  collectionYearEnd,
  collectionYearOf,
  collectionYearStart,
  dayOfIso,
  ukDate,
} from '../data/dates.ts';
import { DEFAULT_DESTINATIONS, lodgingsPlace } from '../data/destinations.ts';
import { DEFAULT_BREAKDOWN_REASONS, FILE_COLUMNS } from '../data/spec903.ts';
import { Replication } from '../model/replication.ts';
import type { Scenario } from '../model/scenario.ts';
import { createStream } from '../random/streams.ts';

export interface SynthOptions {
  scenario: Scenario;
  seed: number;
  replication?: number;
  /** Add the usual mess of real returns (holidays, legal-status changes, short breaks). */
  mess?: boolean;
  /** Category of need (CIN) by cohort id (default N1). */
  cin?: Readonly<Record<string, string>>;
}

export interface SynthEpisode {
  child: string;
  decom: number;
  dec: number | null;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  provider: string;
  rec: string;
  reason: string;
  urn: string;
}

export interface SynthChild {
  child: string;
  dob: number;
  sex: string;
}

export interface SynthResult {
  children: SynthChild[];
  episodes: SynthEpisode[];
  /** Collection years wholly inside the horizon: the returns written. */
  years: number[];
}

const ASSESSMENT_URN = 'SC900000';
const urnOfHome = (h: number) => `SC${String(100001 + h).padStart(6, '0')}`;

interface ChildState {
  child: string;
  dob: number;
  cohort: string;
  open: SynthEpisode | null;
  inPeriod: boolean;
  nextReason: string;
  ageReferred: boolean;
  episodes: SynthEpisode[];
}

/** Run one replication and write its children's journeys as episodes. */
export function synthesise(o: SynthOptions): SynthResult {
  const s = o.scenario;
  const day0 = dayOfIso(s.startDate);
  const rand = createStream(o.seed, o.replication ?? 0, 'synth/903');
  const states = new Map<number, ChildState>();
  const sim = new Replication(s);
  const cinOf = (cohort: string) => o.cin?.[cohort] ?? 'N1';

  const state = (serial: number): ChildState => {
    let st = states.get(serial);
    if (!st) {
      const b = sim.birthDayOf(serial);
      st = {
        child: `C${String(serial + 1).padStart(6, '0')}`,
        dob: Number.isNaN(b) ? NaN : Math.floor(day0 + b),
        cohort: '',
        open: null,
        inPeriod: false,
        nextReason: '',
        ageReferred: false,
        episodes: [],
      };
      states.set(serial, st);
    }
    return st;
  };
  const open = (st: ChildState, day: number, place: string, provider: string, urn: string) => {
    const cur = st.open;
    if (cur && cur.decom === day) {
      // A move on the day the episode began: that episode is this one.
      Object.assign(cur, { place, provider, urn });
      st.nextReason = '';
      return;
    }
    if (cur) {
      cur.dec = day;
      cur.rec = 'X1';
    }
    const rne = st.inPeriod ? 'P' : 'S';
    const e: SynthEpisode = {
      child: st.child,
      decom: day,
      dec: null,
      rne,
      ls: 'C2',
      cin: cinOf(st.cohort),
      place,
      provider,
      rec: '',
      reason: rne === 'P' ? st.nextReason || 'CARPL' : '',
      urn,
    };
    st.episodes.push(e);
    st.open = e;
    st.inPeriod = true;
    st.nextReason = '';
  };
  const close = (st: ChildState, day: number, rec: string) => {
    if (!st.open) return;
    if (st.open.decom === day && st.episodes.length > 1 && rec !== 'X1') {
      // Ended the day it began: the episode before it ends care instead.
      st.episodes.pop();
      const prev = st.episodes.at(-1)!;
      prev.rec = rec;
    } else {
      st.open.dec = day;
      st.open.rec = rec;
    }
    st.open = null;
    st.inPeriod = false;
  };
  const stepDown = (st: ChildState, day: number, dest: string) => {
    const codes = DEFAULT_DESTINATIONS[dest];
    if (!codes || codes.places.length === 0 || codes.places[0] === 'P1') {
      close(st, day, codes?.endings[0] ?? 'E8');
      return;
    }
    const foster = codes.places[0]!.startsWith('U');
    const place = foster ? 'U6' : lodgingsPlace(collectionYearOf(day));
    open(st, day, place, foster ? 'PR1' : 'PR4', '');
    const onward = st.open!;
    const end = Number.isNaN(st.dob) ? NaN : birthday(st.dob, 18);
    st.open = null;
    st.inPeriod = false;
    if (end > day) {
      onward.dec = end;
      onward.rec = foster ? 'E17' : 'E5';
    } else {
      onward.dec = day + 1;
      onward.rec = 'E8';
    }
  };

  sim.run(o.seed, o.replication ?? 0, (t, serial, event, detail) => {
    if (serial < 0) return;
    const day = Math.floor(day0 + t);
    const st = state(serial);
    switch (event) {
      case 'referred':
        st.cohort = detail;
        break;
      case 'need escalates':
        st.cohort = detail;
        break;
      case 'assessment starts':
        open(st, day, 'K2', 'PR1', ASSESSMENT_URN);
        break;
      case 'placed locally': {
        const urn = urnOfHome(s.homes.findIndex((h) => h.id === detail));
        const cur = st.open;
        if (!(st.ageReferred && cur && cur.urn === urn)) open(st, day, 'K2', 'PR1', urn);
        st.ageReferred = false;
        break;
      }
      case 'placed out of county': {
        const cur = st.open;
        // Referred on at an age limit, a child placed out of county stays in the home they are in.
        if (!(st.ageReferred && cur && cur.provider === 'PR4'))
          open(st, day, 'K2', 'PR4', `SC${String(200000 + Math.floor(rand.next() * 700000))}`);
        st.ageReferred = false;
        break;
      }
      case 'waits for a local bed':
        open(st, day, 'U6', 'PR1', '');
        break;
      case 'placement breaks down':
        st.nextReason =
          DEFAULT_BREAKDOWN_REASONS[Math.floor(rand.next() * DEFAULT_BREAKDOWN_REASONS.length)]!;
        break;
      case 'brought back into county':
        st.nextReason = 'CARPL';
        break;
      case 'referred on at age limit':
        st.cohort = detail;
        st.ageReferred = true;
        st.nextReason = 'CARPL';
        break;
      case 'steps down':
        stepDown(st, day, detail);
        break;
      case 'placement ends as planned':
        close(st, day, 'E4A');
        break;
      case 'leaves at age limit':
        close(st, day, 'E5');
        break;
      case 'leaves':
        close(st, day, 'E8');
        break;
    }
  });

  let episodes = [...states.values()].flatMap((st) => st.episodes);
  const children: SynthChild[] = [...states.values()]
    .filter((st) => st.episodes.length > 0)
    .map((st) => ({ child: st.child, dob: st.dob, sex: rand.next() < 0.6 ? '1' : '2' }));
  const first = collectionYearOf(day0) + (collectionYearStart(collectionYearOf(day0)) < day0 ? 1 : 0);
  if (o.mess) episodes = addMess(episodes, children, rand, collectionYearStart(first));
  const lastDay = Math.floor(day0 + s.horizonDays) - 1;
  const years: number[] = [];
  for (let y = first; collectionYearEnd(y) <= lastDay; y++) years.push(y);
  return { children, episodes, years };
}

/** Holidays and legal-status changes inside long residential episodes from day0 on, and short-break children. */
function addMess(
  episodes: SynthEpisode[],
  children: SynthChild[],
  rand: { next(): number },
  day0: number,
): SynthEpisode[] {
  const out: SynthEpisode[] = [];
  for (const e of episodes) {
    // Only inside the returns: a split before the first return would hide the placement's true
    // start (as it does in real data, where the episodes before the first return are not given).
    const long = e.place === 'K2' && e.dec !== null && e.dec - e.decom > 120 && e.decom >= day0;
    const u = rand.next();
    if (long && u < 0.15) {
      // A week's holiday (T1) in the middle, and back to the same home.
      const mid = e.decom + Math.floor((e.dec! - e.decom) / 2);
      out.push({ ...e, dec: mid, rec: 'X1' });
      out.push({
        ...e,
        decom: mid,
        dec: mid + 7,
        rne: 'P',
        place: 'T1',
        provider: '',
        urn: '',
        rec: 'X1',
        reason: 'CARPL',
      });
      out.push({ ...e, decom: mid + 7, rne: 'P', reason: 'CARPL' });
    } else if (long && u < 0.35) {
      // A change of legal status only: a care order made during the placement.
      const mid = e.decom + Math.floor((e.dec! - e.decom) / 3);
      out.push({ ...e, dec: mid, rec: 'X1' });
      out.push({ ...e, decom: mid, rne: 'L', ls: 'C1', reason: '' });
    } else out.push(e);
  }
  // Short-break children: a few days' respite (V3) now and then, never otherwise in care.
  const n = Math.max(1, Math.round(children.length * 0.03));
  const span = episodes.reduce((a, e) => Math.max(a, e.dec ?? e.decom), day0) - day0;
  for (let i = 0; i < n; i++) {
    const child = `S${String(i + 1).padStart(6, '0')}`;
    const start = day0 + Math.floor(rand.next() * Math.max(1, span - 10));
    children.push({ child, dob: start - Math.floor((8 + rand.next() * 8) * 365.2425), sex: '1' });
    out.push({
      child,
      decom: start,
      dec: start + 2,
      rne: 'S',
      ls: 'V3',
      cin: 'N2',
      place: 'K2',
      provider: 'PR1',
      rec: 'E13',
      reason: '',
      urn: ASSESSMENT_URN,
    });
  }
  return out;
}

/** Each collection year's Header and Episodes tables (rows of text, header row first), as a council would export them. */
export function synthReturns(r: SynthResult): { year: number; header: string[][]; episodes: string[][] }[] {
  const dob = new Map(r.children.map((c) => [c.child, c]));
  return r.years.map((y) => {
    const start = collectionYearStart(y);
    const end = collectionYearEnd(y);
    const eps = r.episodes
      .filter(
        (e) => e.decom <= end && (e.dec === null || e.dec >= start) && !(e.dec !== null && e.dec < start),
      )
      .sort((a, b) => (a.child === b.child ? a.decom - b.decom : a.child < b.child ? -1 : 1));
    const inYear = [...new Set(eps.map((e) => e.child))];
    const header = [
      [...FILE_COLUMNS.Header],
      ...inYear.map((c) => {
        const ch = dob.get(c)!;
        return [c, ch.sex, Number.isNaN(ch.dob) ? '' : ukDate(ch.dob), 'WBRI', 'UN1', '', ''];
      }),
    ];
    const episodes = [
      [...FILE_COLUMNS.Episodes],
      ...eps.map((e) => {
        const ended = e.dec !== null && e.dec <= end;
        return [
          e.child,
          ukDate(e.decom),
          e.rne,
          e.ls,
          e.cin,
          e.place,
          e.provider,
          ended ? ukDate(e.dec!) : '',
          ended ? e.rec : '',
          e.reason,
          '',
          '',
          e.urn,
        ];
      }),
    ];
    return { year: y, header, episodes };
  });
}
