import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanupApps, keys, renderApp} from '../helpers/tui-harness.js';

afterEach(cleanupApps);

test('a permission is answered from the pane with 1-9 and toad letters, only while the input is empty', async () => {
	const app = await renderApp();
	app.client.startTurn('sess-1');
	const first = app.client.requestPermission('sess-1', 'Edit main.ts');
	await app.settle();
	assert.match(app.frame(), /permission requested/);
	assert.match(app.frame(), /Edit main\.ts/);
	await app.press('2');
	assert.deepEqual(app.client.calls.find(call => call.method === 'answerPermission')?.args, ['sess-1', first, 'always']);
	const second = app.client.requestPermission('sess-1', 'Run tests');
	await app.settle();
	// Typing first: `r` goes into the draft, not to the permission.
	await app.type('x');
	await app.press('r');
	assert.equal(app.client.calls.filter(call => call.method === 'answerPermission').length, 1);
	assert.match(app.frame(), /❯ xr/);
	await app.press(keys.backspace, keys.backspace, 'r');
	assert.deepEqual(app.client.calls.filter(call => call.method === 'answerPermission')[1]?.args, ['sess-1', second, 'reject']);
	const third = app.client.requestPermission('sess-1');
	await app.settle();
	await app.press('a');
	assert.deepEqual(app.client.calls.filter(call => call.method === 'answerPermission')[2]?.args, ['sess-1', third, 'allow']);
	app.unmount();
});

test('a permission of another session is answered from the chooser without switching', async () => {
	const app = await renderApp({sessions: 3});
	app.client.startTurn('sess-3');
	const request = app.client.requestPermission('sess-3', 'Delete build/');
	await app.settle();
	await app.press(keys.prefix, 'w', keys.down, keys.down);
	const frame = app.frame();
	assert.match(frame, /⚠ permission: Delete build\//);
	assert.match(frame, /1\/a Allow once {2}2\/A Always allow {2}3\/r Reject/);
	await app.press('1');
	assert.deepEqual(app.client.calls.find(call => call.method === 'answerPermission')?.args, ['sess-3', request, 'allow']);
	await app.waitFor(current => !/⚠ permission: Delete/.test(current));
	assert.match(app.frame(), /choose a session/, 'still in the chooser');
	await app.press(keys.escape);
	assert.match(app.frame(), /▶ 0 sess-1/, 'the pane kept its session');
	app.unmount();
});

test('x in the chooser ends the highlighted session after confirmation', async () => {
	const app = await renderApp({sessions: 2});
	await app.press(keys.prefix, 'w', keys.down, 'x');
	assert.match(app.frame(), /End session "sess-2"\?/);
	await app.press('y');
	assert.deepEqual(app.client.calls.find(call => call.method === 'endSession')?.args, ['sess-2']);
	app.unmount();
});

test('read-only: everything shows, actions are refused with a hint, view keys still work', async () => {
	const app = await renderApp({sessions: 2, readOnly: true});
	app.client.startTurn('sess-1');
	app.client.requestPermission('sess-1');
	await app.settle();
	assert.match(app.frame(), /\[read-only\]/);
	await app.press('1');
	assert.match(app.frame(), /read-only client: actions are disabled/);
	await app.press(keys.prefix, 'c');
	assert.match(app.frame(), /read-only client: actions are disabled/);
	await app.press(keys.escape);
	assert.match(app.frame(), /read-only client: actions are disabled/);
	await app.press(keys.prefix, 'n');
	assert.match(app.frame(), /▶ 1 sess-2/);
	const acted = app.client.calls.filter(call => !['history'].includes(call.method));
	assert.deepEqual(acted, []);
	app.unmount();
});

test('agent crash: the pane shows the reason and the restart key; the status line says stopped', async () => {
	const app = await renderApp();
	app.client.setAgentStopped('exit code 1');
	await app.settle();
	const frame = app.frame();
	assert.match(frame, /exit code 1/);
	assert.match(frame, /C-b R/);
	assert.match(frame.split('\n').at(-1)!, /stopped \(C-b R restarts\)/);
	app.unmount();
});

test('attention: a hidden session that waits or ends a turn rings and notifies; a visible one does not', async () => {
	const app = await renderApp({sessions: 2});
	app.client.startTurn('sess-1');
	app.client.requestPermission('sess-1');
	await app.settle();
	assert.equal(app.raw.some(text => text.includes('\u0007\u001B]9;')), false);
	app.client.startTurn('sess-2');
	app.client.requestPermission('sess-2', 'Write file');
	await app.settle();
	assert.ok(app.raw.some(text => text.startsWith('\u0007\u001B]9;agents: sess-2: needs permission: Write file\u0007\u001B]777;notify;agents;')));
	app.client.endTurn('sess-2');
	await app.settle();
	assert.ok(app.raw.some(text => text.includes('sess-2: turn ended (end_turn)')));
	// The title mirrors the phase.
	assert.ok(app.raw.includes('\u001B]2;agents: waiting 1\u0007'));
	assert.equal(app.raw.at(-1), '\u001B]2;agents: waiting 1\u0007');
	app.unmount();
});

test('the banner shows in the status line until a key is pressed', async () => {
	const app = await renderApp({banner: 'no agent configured: running the demo agent'});
	assert.match(app.frame().split('\n').at(-1)!, /running the demo agent/);
	await app.type('h');
	assert.doesNotMatch(app.frame(), /running the demo agent/);
	app.unmount();
});
