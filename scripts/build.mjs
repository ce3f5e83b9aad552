// Production bundle: Ink + React take ~250 ms to import unbundled (docs/ink-notes.md A3); one esbuild
// bundle with NODE_ENV=production starts in ~160 ms. Commands are split into chunks loaded on demand.
import {mkdirSync, writeFileSync, rmSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
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
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {'react-devtools-core': stub},
	banner: {js: "import {createRequire as __agentsCreateRequire} from 'node:module'; const require = __agentsCreateRequire(import.meta.url);"},
	logLevel: 'warning',
});
