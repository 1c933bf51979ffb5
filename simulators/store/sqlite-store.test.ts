import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './open-store.ts';
import { storeSuite } from './store.test-kit.ts';

storeSuite('sqlite', () => openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'mcwg-store-')), 'xds.sqlite')}`));
