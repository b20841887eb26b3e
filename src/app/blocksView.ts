/**
 * A report's blocks as page elements: its answer, and the sections the app shows of it
 * (findings, the table by financial year, the history check), from the same blocks the HTML
 * and Word reports are made of. Text goes in as text, never as markup.
 */
import type { Block } from '../report/blocks.ts';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
};

function blockElement(b: Block): HTMLElement | null {
  switch (b.kind) {
    case 'lead':
      return Object.assign(el('p', b.text), { className: 'lead' });
    case 'h2':
      return el('h3', b.text);
    case 'h3':
      return el('h4', b.text);
    case 'p':
      return el('p', b.text);
    case 'list': {
      const ul = el('ul');
      for (const item of b.items ?? []) ul.append(el('li', item));
      return ul;
    }
    case 'table': {
      const wrap = Object.assign(el('div'), { className: 'table-wrap', tabIndex: 0 });
      const table = el('table');
      const head = table.createTHead().insertRow();
      for (const h of b.header ?? []) head.append(Object.assign(el('th', h), { scope: 'col' }));
      const body = table.createTBody();
      for (const r of b.rows ?? []) {
        const row = body.insertRow();
        r.forEach((cell, i) => {
          if (i === 0) row.append(Object.assign(el('th', cell), { scope: 'row' }));
          else row.insertCell().textContent = cell;
        });
      }
      wrap.append(table);
      return wrap;
    }
    case 'chart':
      return null;
  }
}

/** The answer (lead blocks) and the named sections of a report, into `into`. */
export function showBlocks(blocks: readonly Block[], sections: readonly string[], into: HTMLElement): void {
  into.replaceChildren();
  let keep = true;
  for (const b of blocks) {
    if (b.kind === 'h2') keep = sections.includes(b.text ?? '');
    if (b.kind !== 'lead' && !keep) continue;
    const e = blockElement(b);
    if (e) into.append(e);
  }
}
