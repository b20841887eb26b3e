import { findSourceMap } from 'node:module';
import { Replication } from '../../src/model/replication.ts';
void Replication;
const url = new URL('../../src/model/replication.ts', import.meta.url);
for (const k of [url.href, url.pathname]) {
  const sm = findSourceMap(k);
  console.log(k, sm ? sm.findEntry(0, 8059) : null);
}
console.log(process.sourceMapsEnabled);
