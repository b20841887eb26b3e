/**
 * The assessment unit: beds a child referred at a placement breakdown may use before the next
 * placement, a resource that owns its state (open or not, beds occupied) and its cost.
 *
 * Why a part of its own: the unit's cost basis (per bed open, per occupied bed or the whole unit
 * while open) decides which of its changes cost money, and was once read in four places (opening,
 * closing, admitting, discharging). `costChange` is now the one place.
 */
import { COST_ASSESSMENT, type Metrics } from './metrics.ts';
import {
  COST_BASIS_PER_BED_OPEN,
  COST_BASIS_PER_OCCUPIED_BED,
  COST_BASIS_WHOLE_UNIT,
  type AssessmentS,
  type Scenario,
} from './scenario.ts';

export class AssessmentUnit {
  /** Whether the unit is open. */
  private isOpen = false;
  /** Beds occupied. */
  private occupied = 0;
  private readonly a: AssessmentS | null;
  private readonly useBeds: boolean;
  private readonly m: Metrics;

  constructor(s: Scenario, metrics: Metrics) {
    this.a = s.assessment;
    this.useBeds = s.policies.useAssessmentBeds;
    this.m = metrics;
  }

  /** Closed and empty. */
  reset(): void {
    this.isOpen = false;
    this.occupied = 0;
  }

  /** Whether a child of cohort c, referred at a breakdown, can take a bed now (policy allowing). */
  hasBedFor(c: number): boolean {
    const a = this.a;
    return a !== null && this.useBeds && this.isOpen && this.occupied < a.beds && a.eligible[c] === 1;
  }

  /** A child takes a bed. */
  admit(): void {
    const m = this.m;
    this.occupied++;
    m.level(m.assessmentOccupied, 1);
    m.count(m.assessments, 1);
    this.charge(this.costChange(0, 1));
  }

  /** A child leaves a bed. */
  discharge(): void {
    this.occupied--;
    this.m.level(this.m.assessmentOccupied, -1);
    this.charge(this.costChange(0, -1));
  }

  /** The unit opens (nothing if it is open). */
  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    this.m.level(this.m.assessmentOpen, this.a!.beds);
    this.charge(this.costChange(1, 0));
  }

  /** The unit closes to new children (nothing if it is closed); those in it stay until they leave. */
  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.m.level(this.m.assessmentOpen, -this.a!.beds);
    this.charge(this.costChange(-1, 0));
  }

  /**
   * The change of the unit's cost, £ a day at base prices, when it opens or closes (`opened` +1
   * or -1) or a bed is taken or freed (`occupied` +1 or -1), by its cost basis.
   */
  private costChange(opened: number, occupied: number): number {
    const a = this.a!;
    switch (a.costBasis) {
      case COST_BASIS_PER_BED_OPEN:
        return opened * a.beds * a.costPerDay;
      case COST_BASIS_WHOLE_UNIT:
        return opened * a.costPerDay;
      case COST_BASIS_PER_OCCUPIED_BED:
        return occupied * a.costPerDay;
      default:
        return 0;
    }
  }

  /** Record a cost change; none is recorded for no change (adding 0 would change no sum). */
  private charge(perDay: number): void {
    if (perDay !== 0) this.m.level(this.m.costRate + COST_ASSESSMENT, perDay);
  }
}
