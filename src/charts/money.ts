/**
 * The one way caresim writes money, in every report, table, chart and printed summary:
 * whole pounds below £10,000 (£4,125: a weekly price), thousands below a million (£64k), and
 * millions to two decimals with trailing zeros dropped (£2.29m, £2.5m, £13m). An estimate from
 * replications is uncertain in its third figure anyway, so "£735,547" would claim a precision it
 * does not have. Only the assumptions appendix writes an input exactly as its source does, so
 * that a reviewer can check it.
 */

/**
 * Money as caresim writes it.
 * @example formatMoney(735_547) // "£736k"
 * @example formatMoney(2_500_000) // "£2.5m"
 */
export function formatMoney(x: number): string {
  if (!Number.isFinite(x)) return '-';
  const a = Math.abs(x);
  // From 999,500 up, thousands would round to "£1000k": millions instead.
  const body =
    a >= 999_500
      ? `${String(Number((a / 1e6).toFixed(2)))}m`
      : a >= 1e4
        ? `${Math.round(a / 1e3)}k`
        : Math.round(a).toLocaleString('en-GB');
  // A rounded zero carries no sign.
  return `${x < 0 && body !== '0' ? '-' : ''}£${body}`;
}

/** The same format as a vega expression, for axis and legend labels (d3-format's ~ drops zeros). */
export const MONEY_LABEL =
  "(datum.value < 0 && abs(datum.value) >= 0.5 ? '-' : '') + '£' + (abs(datum.value) >= 999500 ? format(abs(datum.value) / 1e6, '.2~f') + 'm' : " +
  "abs(datum.value) >= 1e4 ? format(abs(datum.value) / 1e3, '.0f') + 'k' : format(abs(datum.value), ',.0f'))";

/**
 * An input exactly as its source writes it (£411,840; £2,500,000), for the places a reviewer
 * checks a number against its document: the validate summary and the assumptions appendix.
 */
export function formatMoneyExact(x: number): string {
  const sign = x < 0 ? '-' : '';
  return `${sign}£${Math.abs(x).toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
}
