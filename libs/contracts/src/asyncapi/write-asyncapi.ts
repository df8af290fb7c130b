/**
 * Writes `libs/contracts/asyncapi.json` from {@link buildAsyncApiDocument}. Run through
 * `npx nx run contracts:asyncapi` (builds with swc, then runs the compiled file from the repo root).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAsyncApiDocument } from './asyncapi.generator';

/** Repo-relative path of the committed document. */
export const ASYNCAPI_FILE = 'libs/contracts/asyncapi.json';

const target = resolve(process.cwd(), ASYNCAPI_FILE);
writeFileSync(target, `${JSON.stringify(buildAsyncApiDocument(), null, 2)}\n`);
console.log(`wrote ${target}`);
