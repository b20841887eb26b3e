/**
 * The SSDA903 return as caresim reads it: the columns of the Header and Episodes files, the codes
 * valid in each collection year, and what the codes mean. One place for these facts: the reader,
 * the checks, the merging of years, the calibration and the synthetic writer all look here.
 *
 * Source: the DfE's "Children looked after return" technical specifications and guides, 2017 to
 * 2018 onwards, with the code lists by collection year as the DfE-endorsed validator implements
 * them (data-to-insight's csc-validator-be-903, rules 143-149, 178, 1009). Changes by year that
 * matter here: K3 (supported accommodation not subject to children's homes regulations, 16+)
 * from 2024-25; H5, P2 and Z1 withdrawn from 2025-26, Z1 split into Z11-Z14. Years before
 * 2022-23 take the 2022-23 lists, which have not changed in the codes caresim reads since
 * 2017-18 apart from REASON_PLACE_CHANGE's CUSTOD.
 */

/** The files of a return that caresim reads, and their columns in the DfE's order. */
export const FILE_COLUMNS = {
  Header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  Episodes: [
    'CHILD',
    'DECOM',
    'RNE',
    'LS',
    'CIN',
    'PLACE',
    'PLACE_PROVIDER',
    'DEC',
    'REC',
    'REASON_PLACE_CHANGE',
    'HOME_POST',
    'PL_POST',
    'URN',
  ],
  UASC: ['CHILD', 'SEX', 'DOB', 'DUC'],
} as const;
export type FileKind = keyof typeof FILE_COLUMNS;

/** The columns caresim needs in each file; the others may be absent (a council's extract may leave out postcodes). */
export const REQUIRED_COLUMNS: Record<FileKind, readonly string[]> = {
  Header: ['CHILD', 'DOB'],
  Episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'PLACE', 'DEC', 'REC'],
  UASC: ['CHILD', 'DOB'],
};

/** A collection year, named by the year in which it starts: 2024 is 1 April 2024 to 31 March 2025. */
export type CollectionYear = number;

/** "2024-25" */
export const collectionYearLabel = (y: CollectionYear): string =>
  `${y}-${String((y + 1) % 100).padStart(2, '0')}`;

const BASE_PLACE = [
  'A3',
  'A4',
  'A5',
  'A6',
  'H5',
  'K1',
  'K2',
  'P1',
  'P2',
  'P3',
  'R1',
  'R2',
  'R3',
  'R5',
  'S1',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
  'Z1',
];

/** The placement types valid in a collection year. */
export function placeCodes(y: CollectionYear): readonly string[] {
  if (y <= 2023) return BASE_PLACE;
  if (y === 2024) return [...BASE_PLACE, 'K3'];
  return [
    ...BASE_PLACE.filter((c) => c !== 'H5' && c !== 'P2' && c !== 'Z1'),
    'K3',
    'Z11',
    'Z12',
    'Z13',
    'Z14',
  ];
}

/** Reason for new episode. */
export const RNE_CODES = ['S', 'L', 'P', 'T', 'U', 'B'] as const;
/** Legal status. V3 and V4 are short breaks (respite), not a period of care in the usual sense. */
export const LS_CODES = [
  'C1',
  'C2',
  'D1',
  'E1',
  'J1',
  'J2',
  'J3',
  'L1',
  'L2',
  'L3',
  'V2',
  'V3',
  'V4',
] as const;
export const SHORT_BREAK_LS: readonly string[] = ['V3', 'V4'];
/** Category of need. */
export const CIN_CODES = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'] as const;
/** Placement provider: PR1 is the council's own provision. */
export const PROVIDER_CODES = ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'] as const;
/** Placements with no provider (temporary placements, other). */
export function noProviderPlaces(y: CollectionYear): readonly string[] {
  return y <= 2024
    ? ['T0', 'T1', 'T2', 'T3', 'T4', 'Z1']
    : ['T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14'];
}
/** Reason episode ceased; X1 is "episode ceases and a new one begins on the same day". */
export const REC_CODES = [
  'E11',
  'E12',
  'E2',
  'E3',
  'E4A',
  'E4B',
  'E13',
  'E41',
  'E45',
  'E46',
  'E47',
  'E48',
  'E5',
  'E6',
  'E7',
  'E8',
  'E9',
  'E14',
  'E15',
  'E16',
  'E17',
  'X1',
] as const;
/** Reason for a change of placement. */
export function reasonPlaceChangeCodes(y: CollectionYear): readonly string[] {
  const base = [
    'CARPL',
    'CLOSE',
    'ALLEG',
    'STAND',
    'APPRR',
    'CREQB',
    'CREQO',
    'CHILD',
    'LAREQ',
    'PLACE',
    'OTHER',
  ];
  return y >= 2020 ? [...base, 'CUSTOD'] : base;
}
export const SEX_CODES = ['1', '2'] as const;

/** Temporary placements (holidays, hospital, respite within a placement): merged into the placement around them. */
export const TEMPORARY_PLACES: readonly string[] = ['T0', 'T1', 'T2', 'T3', 'T4'];

/** Placement types in plain words, for summaries. */
export const PLACE_LABELS: Record<string, string> = {
  A3: 'placed for adoption (consent, with former foster carers)',
  A4: 'placed for adoption (consent, not with former foster carers)',
  A5: 'placed for adoption (placement order, with former foster carers)',
  A6: 'placed for adoption (placement order, not with former foster carers)',
  H5: 'semi-independent living, not regulated as a children\u2019s home',
  K1: 'secure children\u2019s home',
  K2: 'children\u2019s home',
  K3: 'supported accommodation (16+), not a children\u2019s home',
  P1: 'placed with own parents',
  P2: 'independent living',
  P3: 'residential employment',
  R1: 'residential care home',
  R2: 'NHS or health trust establishment',
  R3: 'family centre or mother and baby unit',
  R5: 'young offender institution or prison',
  S1: 'residential school',
  T0: 'temporary: all',
  T1: 'temporary: holiday or respite',
  T2: 'temporary: with carer(s) while own carer on holiday',
  T3: 'temporary: hospital',
  T4: 'temporary: other',
  U1: 'foster care with relative or friend (long term)',
  U2: 'foster care with relative or friend (FFA or concurrent)',
  U3: 'foster care with relative or friend (other)',
  U4: 'foster care with other carer (long term)',
  U5: 'foster care with other carer (FFA or concurrent)',
  U6: 'foster care with other carer (other)',
  Z1: 'other placement',
  Z11: 'other placement (11)',
  Z12: 'other placement (12)',
  Z13: 'other placement (13)',
  Z14: 'other placement (14)',
};

export const PROVIDER_LABELS: Record<string, string> = {
  PR0: 'parent(s) or other person with parental responsibility',
  PR1: 'own provision (the council)',
  PR2: 'other local authority',
  PR3: 'other public provision',
  PR4: 'private provision',
  PR5: 'voluntary, not-for-profit or charity provision',
};

/**
 * The placement types caresim reads as residential by default: children's homes (K1 secure and
 * K2), and residential care homes (R1). A mapping in the model file may add others (R2 for a
 * health cohort, S1 residential schools, K3 supported accommodation for 16+).
 */
export const DEFAULT_RESIDENTIAL: readonly string[] = ['K1', 'K2', 'R1'];

/**
 * Reasons for a change of placement read as an unplanned ending (a breakdown) by default: the carer
 * or child asked for it to end, or an allegation or concern about standards ended it. Planned
 * moves (care plan, LA request, change of status), closures and "other" are not.
 */
export const DEFAULT_BREAKDOWN_REASONS: readonly string[] = ['CREQB', 'CREQO', 'CHILD', 'ALLEG', 'STAND'];
