/**
Which modules the shipped bundle evaluates before `agents --attach ID` connects (DESIGN §10 attach budget): the
attach chunk's static imports must not pull in zod (host-side validation), conf/ajv (read only when a config file
exists), meow, or built-ins it does not use. The TUI's first chunk (run-tui.ts, dynamic, loaded while connecting) draws
the first frame without Ink, React or yoga; those arrive through the Ink chunk (mount-app.tsx) it imports afterwards.
*/
import assert from 'node:assert/strict';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {test} from 'node:test';
import {build, type Metafile} from 'esbuild';
import stringWidth from 'string-width';
import {bundleOptions} from '../../scripts/build-options.mjs';

const root = join(import.meta.dirname, '..', '..');

type Outputs = Metafile['outputs'];

function staticClosure(outputs: Outputs, start: string): Set<string> {
	const seen = new Set<string>();
	const visit = (path: string): void => {
		if (seen.has(path)) return;
		seen.add(path);
		for (const imported of outputs[path]?.imports ?? []) {
			if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
		}
	};

	visit(start);
	return seen;
}

function inputsOf(outputs: Outputs, chunks: Iterable<string>): string[] {
	return [...chunks].flatMap(chunk => Object.keys(outputs[chunk]?.inputs ?? {}));
}

function chunkWith(outputs: Outputs, input: string): string {
	const found = Object.entries(outputs).find(([path, output]) => path.endsWith('.js') && Object.keys(output.inputs).includes(input));
	assert.ok(found, `no output chunk contains ${input}`);
	return found[0];
}

test('the attach path loads no zod, conf, meow or UI before it connects; the first frame needs no Ink', async () => {
	const result = await build({...bundleOptions(root, join(root, 'node_modules', '.cache', 'bundle-graph-test')), write: false, metafile: true, sourcemap: false, logLevel: 'silent'});
	const outputs = result.metafile.outputs;
	const entry = Object.keys(outputs).find(path => path.endsWith('/cli.js'));
	assert.ok(entry, 'the bundle has a cli.js entry');
	const attach = chunkWith(outputs, 'source/commands/attach.ts');
	const ui = chunkWith(outputs, 'source/ui/run-tui.ts');
	const ink = chunkWith(outputs, 'source/ui/mount-app.tsx');

	const eager = [...staticClosure(outputs, entry), ...staticClosure(outputs, attach)];
	const loaded = inputsOf(outputs, eager);
	assert.ok(loaded.includes('source/ipc/host-client.ts'), 'the attach path contains the socket client');
	for (const heavy of ['/zod/', '/conf/', '/ajv/', '/meow/', '/ink/', '/react/', '/yoga-layout/']) {
		assert.deepEqual(loaded.filter(input => input.includes(`node_modules${heavy}`)), [], `the attach path statically loads ${heavy}`);
	}

	assert.deepEqual(loaded.filter(input => input.startsWith('source/ui/')), []);
	// Node built-ins it has no use for cost milliseconds too: crypto (only writers of host.json), readline (--plain).
	const builtins = new Set(eager.flatMap(chunk => (outputs[chunk]?.imports ?? []).filter(imported => imported.external).map(imported => imported.path)));
	assert.ok(builtins.has('node:net'), 'the built-ins are visible in the graph');
	for (const unused of ['node:crypto', 'node:readline', 'node:child_process']) assert.ok(!builtins.has(unused), `the attach path imports ${unused}`);
	assert.ok(!eager.includes(ui), 'the UI chunk is not a static import of the attach path');
	assert.ok(outputs[attach]?.imports.some(imported => imported.kind === 'dynamic-import' && imported.path === ui), 'attach imports the UI chunk dynamically');
	// The config module (conf) is loaded only on demand: when a config file exists.
	assert.ok(!inputsOf(outputs, eager).includes('source/config/config.ts'), 'config.ts (conf) is not a static import of the attach path');
	// The first frame is drawn before Ink, React and yoga load: the Ink chunk is a dynamic import of the TUI chunk.
	const boot = inputsOf(outputs, staticClosure(outputs, ui));
	assert.ok(boot.includes('source/ui/boot-frame.ts') && boot.includes('source/ui/terminal/frame-writer.ts'));
	for (const heavy of ['/ink/', '/react/', '/react-reconciler/', '/yoga-layout/']) {
		assert.deepEqual(boot.filter(input => input.includes(`node_modules${heavy}`)), [], `the first frame statically loads ${heavy}`);
	}
	assert.ok(!staticClosure(outputs, ui).has(ink), 'the Ink chunk is not a static import of the TUI chunk');
	assert.ok(outputs[ui]?.imports.some(imported => imported.kind === 'dynamic-import' && imported.path === ink), 'the TUI chunk imports the Ink chunk dynamically');
	// One string-width, ours: Ink's nested 8.x copies compile the RGI_Emoji pattern on the first frame (build-options).
	const widths = inputsOf(outputs, Object.keys(outputs)).filter(input => /node_modules\/(.*\/)?string-width\//.test(input));
	assert.equal(widths.length, 1, widths.join(', '));
	assert.match(widths[0] ?? '', /(^|\/)node_modules\/string-width\/index\.js$/);
});

test('the string-width Ink would load measures common terminal text exactly as the bundled one', async () => {
	// Resolved the way Ink's own import resolves (its nested copy while there is one).
	const inkRequire = createRequire(createRequire(import.meta.url).resolve('ink'));
	const inkWidth = (await import(pathToFileURL(inkRequire.resolve('string-width')).href) as {default: typeof stringWidth}).default;
	const samples = ['', 'plain ascii', '│ box ─ drawing ┼', '· • ✓ ✗ → ▶', '日本語のテキスト', '\u001B[1mbold\u001B[22m and \u001B[31mred\u001B[39m', 'tab\there', 'é (precomposed) e\u0301 (combining)', '한국어', '±½ ambiguous'];
	for (const sample of samples) {
		assert.equal(stringWidth(sample), inkWidth(sample), JSON.stringify(sample));
		assert.equal(stringWidth(sample, {ambiguousIsNarrow: false}), inkWidth(sample, {ambiguousIsNarrow: false}), JSON.stringify(sample));
		assert.equal(stringWidth(sample, {countAnsiEscapeCodes: true}), inkWidth(sample, {countAnsiEscapeCodes: true}), JSON.stringify(sample));
	}
});
