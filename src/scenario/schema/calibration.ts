/**
 * The `calibration` section of a model file: how `caresim calibrate` reads a council's 903 returns
 * into this model's terms. Which placements count as residential, which are the council's own,
 * which child belongs to which cohort, which reasons for a move are breakdowns, and which 903 codes
 * mean each step-down destination. Every field has a default that suits a county like
 * Leicestershire; the data guide (docs/data.md) gives an example.
 */
import { z } from 'zod';
import { id } from './primitives.ts';

const code = z.string().regex(/^[A-Z0-9]{1,6}$/, 'expected a 903 code in capitals, such as K2 or PR1');

const cohortRule = z
  .strictObject({
    ageFrom: z
      .number()
      .min(0)
      .max(25)
      .optional()
      .describe('age at the start of the residential spell, at least this (years)'),
    ageBelow: z.number().min(0).max(25).optional().describe('age at the start, below this (years)'),
    places: z
      .array(code)
      .optional()
      .describe('the spell starts in one of these placement types (e.g. R2 for a health cohort)'),
    cin: z.array(code).optional().describe('category of need at the start is one of these (N1 to N8)'),
    uasc: z.boolean().optional().describe('true: only unaccompanied asylum-seeking children; false: none'),
  })
  .describe(
    'Which residential spells belong to this cohort: every condition given must hold; the first cohort whose rule holds takes the spell.',
  );

export const calibration = z
  .strictObject({
    residential: z
      .array(code)
      .min(1)
      .default(['K1', 'K2', 'R1'])
      .describe(
        "Placement types read as residential care (default: secure and other children's homes, K1 and K2, and residential care homes, R1).",
      ),
    ownProviders: z
      .array(code)
      .default(['PR1'])
      .describe("Placement providers that are the council's own homes (default PR1)."),
    homes: z
      .record(id, z.array(z.string().min(1)))
      .optional()
      .describe(
        "Each local home's Ofsted URNs, so that children found in the council's own homes at the start are placed in them.",
      ),
    cohorts: z
      .record(id, cohortRule)
      .optional()
      .describe(
        "Rules that put each residential spell in a cohort, in order (default: by the age ranges of the cohorts' ageAtReferral, when they do not overlap).",
      ),
    breakdownReasons: z
      .array(code)
      .default(['CREQB', 'CREQO', 'CHILD', 'ALLEG', 'STAND'])
      .describe(
        'Reasons for a change of placement (REASON_PLACE_CHANGE) read as an unplanned ending, a breakdown.',
      ),
    destinations: z
      .record(
        id,
        z.strictObject({
          places: z
            .array(code)
            .default([])
            .describe('placement types of the next placement that mean this destination'),
          endings: z
            .array(code)
            .default([])
            .describe('reasons care ended (REC) that mean it when no placement follows'),
        }),
      )
      .optional()
      .describe(
        '903 codes of each step-down destination (default: fosterCare U1-U6; supportedLodgings, lodgings and semiIndependence H5, K3, P2 or ending E5, E6; home P1 or endings E4A, E4B, E13, E41, E45-E48, E11, E12).',
      ),
    samples: z
      .number()
      .int()
      .min(20)
      .max(2000)
      .default(200)
      .describe(
        "How many draws from each estimate's sampling distribution the calibrated model carries as its belief.",
      ),
  })
  .describe("How `caresim calibrate` reads a council's 903 returns into this model (docs/data.md).");

export type Calibration = z.infer<typeof calibration>;
export type CohortRule = z.infer<typeof cohortRule>;
