/**
 * Event kinds and same-time priorities of the care model.
 *
 * Priorities make same-day order a rule, not an accident (simmer's PRIORITY_RELEASE): on any
 * day, registrations and closures change first, then children leave (beds are freed), then
 * homes open and capacity grows, and only then are new referrals placed, so a bed freed on
 * the morning a referral arrives can take that referral.
 */

export const PRIORITY_STRUCTURE = 0;
export const PRIORITY_RELEASE = 1;
export const PRIORITY_OPEN = 2;
export const PRIORITY_REFERRAL = 3;

/** A referral arrives; entity = cohort. */
export const EV_ARRIVAL = 0;
/** The child's planned need for residential care ends (step-down or leave); entity = child. */
export const EV_PLANNED_END = 1;
/** The placement breaks down; entity = child. */
export const EV_BREAKDOWN = 2;
/** The child reaches the cohort's age limit; entity = child. */
export const EV_AGE_LIMIT = 3;
/** An onward place (foster, lodgings) becomes free for a child waiting to step down; entity = child. */
export const EV_ONWARD_READY = 4;
/** An assessment ends; entity = child. */
export const EV_ASSESSMENT_END = 5;
/** A child waiting for a local bed has waited as long as policy allows; entity = child. */
export const EV_WAIT_EXPIRES = 6;
/** A home opens; entity = home. */
export const EV_HOME_OPENS = 7;
/** A home stops admitting; entity = home. */
export const EV_HOME_CLOSES = 8;
/** A home's registration changes; entity = home, tag = registration index. */
export const EV_HOME_REREGISTERS = 9;
/** Assessment beds open or close; entity unused. */
export const EV_ASSESSMENT_OPENS = 10;
export const EV_ASSESSMENT_CLOSES = 11;
/** The ART's capacity changes (its start is the first step); tag = step index. */
export const EV_ART_CAPACITY = 12;
/** ART support ends; entity = child, tag = the child's ART epoch. */
export const EV_ART_SUPPORT_ENDS = 13;
/** A child's referral to the ART lapses; entity = child, tag = the child's ART epoch. */
export const EV_ART_REFERRAL_LAPSES = 14;
/** A home in its opening ramp offers one more bed; entity = home. */
export const EV_HOME_BED_ADDED = 15;
