/**
 * Where a child goes after residential care, as a step-down destination of the model file and as
 * the 903 return records it: the next placement's type, or, when care ends, the reason it ended.
 * One table, read both ways: the synthetic writer writes a destination's first code, and the
 * calibration reads the codes back into destinations. A model file's `calibration.destinations`
 * replaces it for ids of its own.
 */

export interface DestinationCodes {
  /** Placement types of the next placement that mean this destination. */
  places: readonly string[];
  /** Reasons care ended (REC) that mean this destination when no placement follows. */
  endings: readonly string[];
}

const LODGINGS: DestinationCodes = { places: ['H5', 'K3', 'P2'], endings: ['E5', 'E6'] };

export const DEFAULT_DESTINATIONS: Readonly<Record<string, DestinationCodes>> = {
  fosterCare: { places: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'], endings: [] },
  foster: { places: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'], endings: [] },
  supportedLodgings: LODGINGS,
  lodgings: LODGINGS,
  semiIndependence: LODGINGS,
  home: {
    places: ['P1'],
    endings: ['E4A', 'E4B', 'E13', 'E41', 'E45', 'E46', 'E47', 'E48', 'E11', 'E12'],
  },
};

/** The placement type of a supported-accommodation step-down in a collection year (H5 until 2023-24, K3 after). */
export const lodgingsPlace = (year: number): string => (year >= 2024 ? 'K3' : 'H5');
