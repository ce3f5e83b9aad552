import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanupApps, keys, renderApp} from '../helpers/tui-harness.js';

afterEach(cleanupApps);

function viewport(frame: string): string[] {
	// Rows between the title row and the input/status rows.
	return frame.split('\n').slice(1, 20);
}

/** The first non-empty viewport row (entries may start with a blank separator row). */
function topText(frame: string): string {
	return viewport(frame).find(row => row.trim() !== '') ?? '';
}

function lines(from: number, to: number): string {
	return Array.from({length: to - from}, (_, i) => `line ${from + i}`).join('\n');
}

test('without scroll mode the pane follows the tail', async () => {
	const app = await renderApp({height: 24, width: 80});
	app.client.say('sess-1', `${lines(0, 100)}\n`);
	await app.settle();
	assert.match(app.frame(), /line 99/);
	app.client.say('sess-1', `${lines(100, 110)}\n`);
	await app.settle();
	assert.match(app.frame(), /line 109/);
	app.unmount();
});

test('a scrolled-up view stays put while output streams, and q returns to the tail', async () => {
	const app = await renderApp({height: 24, width: 80});
	app.client.say('sess-1', `${lines(0, 100)}\n`);
	await app.settle();
	await app.press(keys.prefix, '[', keys.pageUp);
	const before = viewport(app.frame());
	assert.doesNotMatch(before.join('\n'), /line 99/);
	assert.match(app.frame(), /\[scroll: q leaves\]/);
	for (let i = 0; i < 5; i++) {
		app.client.say('sess-1', `${lines(100 + i * 10, 110 + i * 10)}\n`);
		await app.settle();
		assert.deepEqual(viewport(app.frame()).slice(0, 15), before.slice(0, 15), `after chunk ${i}`);
	}
	assert.match(app.frame(), /more lines/);
	await app.press('q');
	assert.match(app.frame(), /line 149/);
	assert.doesNotMatch(app.frame(), /\[scroll/);
	app.unmount();
});

test('a permission arriving below a scrolled-up view is flagged on the marker row', async () => {
	const app = await renderApp({height: 24, width: 80});
	app.client.startTurn('sess-1');
	app.client.say('sess-1', `${lines(0, 100)}\n`);
	await app.settle();
	await app.press(keys.prefix, '[', keys.pageUp);
	assert.doesNotMatch(app.frame(), /permission waiting/);
	app.client.requestPermission('sess-1');
	await app.settle();
	assert.match(app.frame(), /permission waiting +↓ \d+ more lines/);
	await app.press('q');
	assert.doesNotMatch(app.frame(), /permission waiting/);
	assert.match(app.frame(), /Edit main\.ts/);
	app.unmount();
});

test('scroll keys: line and page moves, g top, G bottom', async () => {
	const app = await renderApp({height: 24, width: 80});
	app.client.say('sess-1', `${lines(0, 100)}\n`);
	await app.settle();
	await app.press(keys.prefix, '[', 'g');
	assert.match(topText(app.frame()), /line 0\b/);
	await app.press(keys.down, keys.down);
	assert.match(topText(app.frame()), /line 1\b/);
	await app.press(keys.up);
	assert.match(topText(app.frame()), /line 0\b/);
	await app.press(keys.pageDown);
	const afterPage = topText(app.frame());
	assert.match(afterPage, /line (\d+)/);
	assert.ok(Number(/line (\d+)/.exec(afterPage)![1]) > 10);
	await app.press('G');
	assert.match(app.frame(), /line 99/);
	app.unmount();
});

test('search with / finds the newest match above, n/N move between matches', async () => {
	const app = await renderApp({height: 24, width: 80});
	app.client.say('sess-1', `${lines(0, 100).replaceAll('line 42', 'needle A').replaceAll('line 17', 'needle B')}\n`);
	await app.settle();
	await app.press(keys.prefix, '[', '/');
	await app.type('needle');
	assert.match(app.frame(), /search: needle/);
	await app.press(keys.enter);
	let rows = viewport(app.frame()).join('\n');
	assert.match(rows, /needle A/);
	assert.doesNotMatch(rows, /line 99/);
	await app.press('n');
	rows = viewport(app.frame()).join('\n');
	assert.match(rows, /needle B/);
	await app.press('N');
	assert.match(viewport(app.frame()).join('\n'), /needle A/);
	await app.press(keys.prefix, '[', '/');
	await app.type('nothing-like-this');
	await app.press(keys.enter);
	assert.match(app.frame(), /not found: nothing-like-this/);
	app.unmount();
});

test('scrolling to the top of the loaded tail pages in history from the host', async () => {
	const app = await renderApp({height: 24, width: 80, historyEntries: 60, tail: 20});
	assert.doesNotMatch(app.frame(), /old prompt 39\b/);
	await app.press(keys.prefix, '[', 'g');
	await app.waitFor(() => app.client.calls.some(call => call.method === 'history'));
	assert.deepEqual(app.client.calls.find(call => call.method === 'history')?.args, ['sess-1', 40, 200]);
	await app.settle();
	// The view did not jump: the same first line is still on top after the page came in above it.
	assert.match(topText(app.frame()), /old prompt 40/);
	await app.press('g');
	assert.match(topText(app.frame()), /old prompt 0\b/);
	app.unmount();
});

test('too small: a notice instead of panes; resizing back restores them', async () => {
	const app = await renderApp({width: 100, height: 30});
	await app.resize(70, 20);
	assert.match(app.frame(), /terminal too small: 70×20 \(agents needs 80×24\)/);
	assert.ok(app.lines().length <= 20);
	await app.resize(80, 24);
	assert.equal(app.lines().length, 24);
	assert.match(app.frame(), /▶ 0 sess-1/);
	app.unmount();
});

test('every frame is exactly the terminal height, with splits, chooser and help', async () => {
	const app = await renderApp({sessions: 3, width: 90, height: 26});
	app.client.say('sess-1', `${lines(0, 200)}\n`);
	await app.settle();
	const check = () => assert.equal(app.lines().length, 26);
	check();
	await app.press(keys.prefix, '%');
	check();
	await app.press(keys.prefix, '"');
	check();
	await app.type('a long draft that wraps '.repeat(20));
	check();
	await app.press(keys.prefix, 'w');
	check();
	await app.press('q', keys.prefix, '?');
	check();
	app.unmount();
});
