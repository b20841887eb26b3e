/** The longest horizon a model (or --years) may ask for: a century is past any plan. */
export const MAX_YEARS = 100;
