/**
 * The structure schedule: when homes and the assessment unit open (after any random opening
 * delay), close and re-register, when the ART's capacity steps come, and when capital is spent.
 *
 * Why a part of its own: this is the plan of the service over the horizon, fixed at the start of a
 * replication (one delay drawn per home or unit, from its own stream, and one for the opening
 * programme as a whole, shared by every opening it applies to), as distinct from the child's
 * journey through it. Whatever is already in force at the start is applied at once; the rest is
 * queued at its structure priority (changes of registration and closures before children leave,
 * openings and capacity after, see events.ts).
 */
import type { EventQueue } from '../engine/eventQueue.ts';
import { sample } from '../random/compiled.ts';
import type { ArtTeam } from './art.ts';
import type { AssessmentUnit } from './assessmentUnit.ts';
import * as E from './events.ts';
import type { Homes } from './homes.ts';
import type { Metrics } from './metrics.ts';
import type { Scenario } from './scenario.ts';
import {
  ASSESSMENT_DELAY_STREAM,
  assessmentDelayDrawn,
  homeDelayDrawn,
  homeDelayStream,
  PROGRAMME_DELAY_STREAM,
  programmeDelayDrawn,
  type Streams,
} from './streams.ts';

/**
 * Schedule the structure of one replication starting on day t0. Call before any child is
 * created: a capacity step in force at the start starts the ART with no one to refer.
 */
export function scheduleStructure(
  s: Scenario,
  t0: number,
  q: EventQueue,
  m: Metrics,
  streams: Streams,
  homes: Homes,
  unit: AssessmentUnit,
  art: ArtTeam,
): void {
  const horizon = s.horizonDays;
  // The programme slips as a whole: one draw for every opening it applies to.
  const slip = programmeDelayDrawn(s)
    ? sample(s.openingSlip!, streams.named(PROGRAMME_DELAY_STREAM).next())
    : 0;
  for (const h of s.homes) {
    // A delay applies to openings still to come; a home open before the simulation starts is open.
    let delay = homeDelayDrawn(s, h) ? sample(h.openingDelay!, streams.named(homeDelayStream(h)).next()) : 0;
    if (h.slipsWithProgramme) delay += slip;
    const opens = h.opensDay + delay;
    if (opens <= t0) homes.open(h.index, t0, opens);
    else if (opens < horizon && opens < h.closesDay)
      q.push(opens, E.PRIORITY_OPEN, E.EV_HOME_OPENS, h.index, 0);
    for (let r = 1; r < h.registrations.length; r++) {
      const from = h.registrations[r]!.fromDay;
      if (from > t0 && from < horizon) q.push(from, E.PRIORITY_STRUCTURE, E.EV_HOME_REREGISTERS, h.index, r);
    }
    if (h.closesDay < horizon)
      q.push(Math.max(h.closesDay, t0), E.PRIORITY_STRUCTURE, E.EV_HOME_CLOSES, h.index, 0);
    if (h.capital - h.grant !== 0)
      m.countAt(h.capitalAtOpening ? h.capitalDay + delay : h.capitalDay, m.capital, h.capital - h.grant);
  }
  const a = s.assessment;
  if (a) {
    let delay = assessmentDelayDrawn(s)
      ? sample(a.openingDelay!, streams.named(ASSESSMENT_DELAY_STREAM).next())
      : 0;
    if (a.slipsWithProgramme) delay += slip;
    const opens = a.opensDay + delay;
    if (opens <= t0) unit.open();
    else if (opens < horizon && opens < a.closesDay)
      q.push(opens, E.PRIORITY_OPEN, E.EV_ASSESSMENT_OPENS, 0, 0);
    if (a.closesDay < horizon)
      q.push(Math.max(a.closesDay, t0), E.PRIORITY_STRUCTURE, E.EV_ASSESSMENT_CLOSES, 0, 0);
    if (a.capital !== 0) m.countAt(a.opensDay + delay, m.capital, a.capital);
  }
  const team = s.art;
  if (team) {
    for (let i = 0; i < team.capacity.length; i++) {
      const from = Math.max(team.capacityFrom[i]!, team.startsDay);
      if (from <= t0) art.onCapacity(i, t0);
      else if (from < horizon) q.push(from, E.PRIORITY_OPEN, E.EV_ART_CAPACITY, 0, i);
    }
  }
}
