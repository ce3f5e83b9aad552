/**
The TUI's own rendering path (issue 4 performance budget): Ink renders the chrome, the pane transcripts are painted
over it outside React. These tests pin what that path must keep: streaming does not make Ink render, full-area
overlays and the confirm dialog are not painted over, and the screen equals the all-React renderer's.
*/
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanupApps, keys, renderApp, type Renderer} from '../helpers/tui-harness.js';

afterEach(cleanupApps);

const lines = (from: number, to: number): string => Array.from({length: to - from}, (_, i) => `line ${from + i}`).join('\n');

test('streamed text reaches the screen without a single Ink render', async () => {
	const app = await renderApp({width: 100, height: 30, renderer: 'terminal'});
	app.client.startTurn('sess-1');
	app.client.say('sess-1', `${lines(0, 40)}\n`);
	await app.settle();
	const writes = app.inkWrites();
	for (let chunk = 40; chunk < 60; chunk++) {
		app.client.say('sess-1', `line ${chunk}\n`);
		await app.settle();
	}
	assert.match(app.frame(), /line 59/);
	assert.equal(app.inkWrites(), writes, 'the chrome did not change, so Ink did not render');
	app.client.endTurn('sess-1');
	await app.settle();
	assert.ok(app.inkWrites() > writes, 'a state change (running → idle) renders the chrome');
});

test('the chooser and help replace the panes completely; the transcript comes back after', async () => {
	const app = await renderApp({width: 100, height: 30, sessions: 2, renderer: 'terminal'});
	app.client.say('sess-1', `${lines(0, 60)}\n`);
	await app.settle();
	assert.match(app.frame(), /line 59/);
	await app.press(keys.prefix, 'w');
	const transcriptRows = (): string[] => app.lines().filter(row => /^line \d+$/.test(row.trim()));
	assert.deepEqual(transcriptRows(), [], 'no transcript row shows through the chooser');
	assert.match(app.frame(), /sess-1 .*line 59/, 'the chooser lists the last line');
	await app.press('q');
	assert.match(app.frame(), /line 59/);
	await app.press(keys.prefix, '?');
	assert.deepEqual(transcriptRows(), []);
	await app.press('q');
	assert.match(app.frame(), /line 59/);
});

test('the confirm dialog stays readable over a full transcript while it streams', async () => {
	const app = await renderApp({width: 100, height: 30, renderer: 'terminal'});
	app.client.say('sess-1', `${Array.from({length: 60}, (_, i) => `${'x'.repeat(90)} ${i}`).join('\n')}\n`);
	await app.settle();
	await app.press(keys.prefix, 'x');
	app.client.say('sess-1', `${'y'.repeat(95)}\n`);
	await app.settle();
	const dialog = app.lines().find(row => row.includes('End session'));
	assert.ok(dialog !== undefined, app.frame());
	assert.match(dialog, /│End session ".+"\? y: end · n: keep it\s*│/);
	await app.press('n');
	assert.ok(!app.frame().includes('End session'));
	assert.match(app.frame(), /y{95}/);
});

test('both renderers show the same screen', async () => {
	const script = async (renderer: Renderer): Promise<string[]> => {
		const app = await renderApp({width: 100, height: 30, sessions: 3, renderer});
		app.client.say('sess-1', `# Title\n\n${lines(0, 30)}\n\`\`\`ts\nconst a = 1;\n\`\`\`\n`);
		app.client.requestPermission('sess-2');
		app.client.say('sess-3', 'short **answer**\n');
		await app.settle();
		await app.press(keys.prefix, '%', keys.prefix, 'n', keys.prefix, '"', keys.prefix, 'n', keys.prefix, 'n');
		await app.type('draft');
		await app.press(keys.prefix, '[', keys.pageUp);
		const frame = app.lines().map(row => row.trimEnd());
		app.unmount();
		return frame;
	};
	const terminal = await script('terminal');
	const ink = await script('ink');
	assert.ok(terminal.some(row => row.includes('line 2')), terminal.join('\n'));
	assert.deepEqual(terminal, ink);
});

test('the terminal cursor sits on the input\'s cursor cell (IME composition) and hides outside normal mode', async () => {
	const app = await renderApp({width: 100, height: 30, renderer: 'terminal'});
	await app.type('héllo 漢字');
	const row = app.lines().findIndex(line => line.startsWith('❯ héllo 漢字'));
	assert.ok(row > 0, app.frame());
	assert.deepEqual(app.cursor(), {x: 2 + 'héllo '.length + 4, y: row, visible: true});
	await app.press(keys.left, keys.left);
	assert.deepEqual(app.cursor(), {x: 2 + 'héllo '.length, y: row, visible: true});
	await app.press(keys.prefix, '[');
	assert.equal(app.cursor()?.visible, false, 'scroll mode hides it');
	await app.press('q');
	assert.equal(app.cursor()?.visible, true);
});
