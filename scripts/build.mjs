// Production bundle: Ink + React take ~250 ms to import unbundled (docs/ink-notes.md A3); one esbuild
// bundle with NODE_ENV=production starts in ~160 ms. Commands are split into chunks loaded on demand.
import {mkdirSync, readdirSync, renameSync, rmSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {bundleOptions} from './build-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// Build beside dist/ and move the result in: running hosts and tests keep loading chunks from dist/ while a
// rebuild happens, so old chunks stay (pruned after a week) and cli.js is replaced by an atomic rename.
const out = join(root, `dist.build-${process.pid}`);
rmSync(out, {recursive: true, force: true});
await build(bundleOptions(root, out));

mkdirSync(join(dist, 'chunks'), {recursive: true});
for (const name of readdirSync(join(out, 'chunks'))) renameSync(join(out, 'chunks', name), join(dist, 'chunks', name));
for (const name of readdirSync(out)) {
	if (name !== 'chunks') renameSync(join(out, name), join(dist, name));
}
rmSync(out, {recursive: true, force: true});
const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
for (const name of readdirSync(join(dist, 'chunks'))) {
	const path = join(dist, 'chunks', name);
	if (statSync(path).mtimeMs < weekAgo) rmSync(path, {force: true});
}
