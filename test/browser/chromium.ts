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
