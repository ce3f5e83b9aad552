import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ClientStore} from '../../source/ui/store/client-store.js';
import {FakeHostClient} from '../helpers/fake-host-client.js';

const tick = async () => new Promise(resolve => {
	setImmediate(resolve);
});

test('events update per-session transcripts; subscribers hear at most once per flush window', async () => {
	const client = new FakeHostClient();
	let now = 1000;
	const store = new ClientStore(client, {flushMs: 50, now: () => now});
	let notified = 0;
	store.subscribe(() => {
		notified++;
	});
	for (let i = 0; i < 100; i++) client.say('sess-1', `chunk ${i} `);
	await tick();
	assert.equal(notified, 1, 'a burst is one notification (leading edge)');
	const first = store.getView();
	assert.match(first.byId.get('sess-1')!.entries.at(-1)!.kind, /agent-text/);
	client.say('sess-1', 'more');
	await tick();
	assert.equal(notified, 1, 'inside the window: held back');
	assert.equal(store.getView(), first, 'the view is stable between flushes');
	now += 60;
	await new Promise(resolve => setTimeout(resolve, 70));
	assert.equal(notified, 2, 'the trailing flush delivers it');
	const entry = store.getView().byId.get('sess-1')!.entries.at(-1)!;
	assert.ok(entry.kind === 'agent-text' && entry.text.endsWith('chunk 99 more'));
	assert.notEqual(store.getView().byId.get('sess-1')!.entries, first.byId.get('sess-1')!.entries);
	store.dispose();
});

test('a snapshot replaces everything; removed and unknown sessions are handled', async () => {
	const client = new FakeHostClient({sessions: 2});
	const store = new ClientStore(client, {flushMs: 0});
	client.act('nope', {type: 'prompt', ts: '', text: 'lost'});
	client.emit({kind: 'session-removed', sessionId: 'sess-2'});
	await tick();
	store.flush();
	assert.deepEqual(store.getView().sessions.map(session => session.info.id), ['sess-1']);
	client.resnapshot();
	store.flush();
	assert.deepEqual(store.getView().sessions.map(session => session.info.id), ['sess-1', 'sess-2']);
	client.closeWith('host exited');
	store.flush();
	assert.equal(store.getView().closed, 'host exited');
	store.dispose();
});

test('history paging prepends older entries once, and a snapshot meanwhile discards the page', async () => {
	const client = new FakeHostClient({historyEntries: 50, tail: 10});
	const store = new ClientStore(client, {flushMs: 0});
	const before = store.getView().byId.get('sess-1')!;
	assert.equal(before.entries.length, 10);
	assert.equal(before.hasOlder, true);
	await store.loadOlder('sess-1', 15);
	store.flush();
	let view = store.getView().byId.get('sess-1')!;
	assert.deepEqual(view.entries.map(entry => entry.index), Array.from({length: 25}, (_, i) => 25 + i));
	await store.loadOlder('sess-1', 100);
	store.flush();
	view = store.getView().byId.get('sess-1')!;
	assert.equal(view.entries.length, 50);
	assert.equal(view.hasOlder, false);
	const pending = store.loadOlder('sess-1');
	await pending;
	assert.equal(client.calls.filter(call => call.method === 'history').length, 2, 'nothing older: no request');
	// Snapshot during a request.
	const fresh = new FakeHostClient({historyEntries: 50, tail: 10});
	const other = new ClientStore(fresh, {flushMs: 0});
	const loading = other.loadOlder('sess-1', 20);
	fresh.resnapshot();
	await loading;
	other.flush();
	assert.equal(other.getView().byId.get('sess-1')!.entries.length, 10);
	store.dispose();
	other.dispose();
});

test('onEvent hears every event with the session info from before it', async () => {
	const client = new FakeHostClient();
	const store = new ClientStore(client, {flushMs: 0});
	const seen: string[] = [];
	store.onEvent((event, previous) => {
		if (event.kind === 'session') seen.push(`${previous?.state}->${event.session.state}`);
	});
	client.startTurn('sess-1');
	client.endTurn('sess-1');
	assert.deepEqual(seen, ['idle->running', 'running->idle']);
	store.dispose();
});
