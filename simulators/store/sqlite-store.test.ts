import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './open-store.ts';
import { storeSuite } from './store-suite.ts';

storeSuite('sqlite', () => openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'mcwg-store-')), 'xds.sqlite')}`));
