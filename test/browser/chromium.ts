/** Debian's Chromium (installed by test/browser/ensure-chromium.sh, npm's pretest step) and the flags that keep it off the network. */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
// This machine has no network to offer: without these, Chromium tries its own services at start.
export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/**
 * Watch a page: its console errors and page errors, and every request whose address `local`
 * does not accept (a request that would leave the machine).
 */
export function watch(page: Page, local: (url: string) => boolean): { errors: string[]; external: string[] } {
  const errors: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!local(r.url())) external.push(r.url());
  });
  return { errors, external };
}

/**
 * What axe-core (the accessibility checker) finds wrong with the page as it stands, against
 * WCAG 2.1 A and AA and axe's best practices: one line a rule broken, naming the first elements.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (...a: unknown[]) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const r = await axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    });
    return r.violations as { id: string; help: string; nodes: { target: string[] }[] }[];
  });
  return violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('; ')})`,
  );
}
