// esbuild options of the production bundle, shared by scripts/build.mjs and the test that checks which modules
// the attach path loads (test/unit/bundle-graph.test.ts).
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

/** Ink's devtools chunk imports react-devtools-core statically; it is never used in production. */
export function devtoolsStub(root) {
	const stub = join(root, 'node_modules', '.cache', 'react-devtools-core-stub.js');
	mkdirSync(join(root, 'node_modules', '.cache'), {recursive: true});
	writeFileSync(stub, 'export default {initialize() {}, connectToDevTools() {}};\n');
	return stub;
}

/**
Every `string-width` in the bundle is ours (9.x), not the five 8.x copies nested under Ink, wrap-ansi, slice-ansi,
cli-truncate and widest-line: 8.x builds `new RegExp('^\\p{RGI_Emoji}$', 'v')` at import and runs it on every non-ASCII
grapheme, and V8 needs 25-35 ms to compile that pattern; 9.x measures single code units without it. Attach → first
frame: -30 to -50 ms (bench/tui-bench.ts attach rows, A/B of two builds). It also makes Ink measure text exactly as our
own rendering does (same API: `stringWidth(text, {ambiguousIsNarrow, countAnsiEscapeCodes})`).
*/
function oneStringWidth(root) {
	const path = join(root, 'node_modules', 'string-width', 'index.js');
	return {
		name: 'one-string-width',
		setup(build) {
			build.onResolve({filter: /^string-width$/}, () => ({path}));
		},
	};
}

export function bundleOptions(root, outdir) {
	return {
		entryPoints: {cli: join(root, 'cli.tsx')},
		outdir,
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
		alias: {'react-devtools-core': devtoolsStub(root)},
		banner: {js: "import {createRequire as __agentsCreateRequire} from 'node:module'; const require = __agentsCreateRequire(import.meta.url); const fetch = undefined;"},
		logLevel: 'warning',
		plugins: [oneStringWidth(root)],
	};
}
