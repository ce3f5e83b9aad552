// Production bundle: Ink + React take ~250 ms to import unbundled (docs/ink-notes.md A3); one esbuild
// bundle with NODE_ENV=production starts in ~160 ms. Commands are split into chunks loaded on demand.
import {mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// Build beside dist/ and move the result in: running hosts and tests keep loading chunks from dist/ while a
// rebuild happens, so old chunks stay (pruned after a week) and cli.js is replaced by an atomic rename.
const out = join(root, `dist.build-${process.pid}`);
rmSync(out, {recursive: true, force: true});
mkdirSync(join(root, 'node_modules', '.cache'), {recursive: true});
const stub = join(root, 'node_modules', '.cache', 'react-devtools-core-stub.js');
// Ink's devtools chunk imports react-devtools-core statically; it is never used in production.
writeFileSync(stub, 'export default {initialize() {}, connectToDevTools() {}};\n');

await build({
	entryPoints: {cli: join(root, 'cli.tsx')},
	outdir: out,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node22',
	jsx: 'automatic',
	minify: true,
	sourcemap: 'linked',
	chunkNames: 'chunks/[name]-[hash]',
	// yoga-layout's emscripten loader checks `typeof fetch`, and merely reading the global makes Node load undici
	// (~35 ms of every attach, measured by bench/tui-bench.ts); without it the embedded wasm is decoded directly.
	// Nothing in the bundle calls the global fetch, so each chunk shadows it (see the banner).
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {'react-devtools-core': stub},
	banner: {js: "import {createRequire as __agentsCreateRequire} from 'node:module'; const require = __agentsCreateRequire(import.meta.url); const fetch = undefined;"},
	logLevel: 'warning',
});

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
