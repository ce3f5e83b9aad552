import assert from 'node:assert/strict';
import {test} from 'node:test';
import {isDeepStrictEqual} from 'node:util';
import type {TranscriptAction, TranscriptState} from '../../source/model/types.js';
import {emptyTranscript, reduceTranscript, TranscriptStore} from '../../source/model/transcript.js';
import {prompt, say, turnEnd, update} from '../helpers/transcript-fixtures.js';
import {scenario} from '../helpers/transcript-scenario.js';

function hostAfter(actions: readonly TranscriptAction[]): TranscriptStore {
	const store = new TranscriptStore();
	for (const action of actions) {
		store.apply(action);
	}

	return store;
}

/** Whether a client that starts from `tail` and applies `rest` ends with the host's entries, indexes, and meta. */
function converges(tail: TranscriptState, rest: readonly TranscriptAction[], host: TranscriptState): boolean {
	const client = new TranscriptStore(tail);
	for (const action of rest) {
		client.apply(action);
	}

	const first = client.state.entries[0]?.index ?? client.state.nextIndex;
	const expected = host.entries.filter(entry => entry.index >= first);
	return isDeepStrictEqual(client.state.entries, expected)
		&& client.state.nextIndex === host.nextIndex
		&& isDeepStrictEqual(client.state.meta, host.meta);
}

test('a client applying the host\'s actions to a snapshot tail converges with the host\'s full store', () => {
	const actions = scenario(42, 120);
	const host = hostAfter(actions).state;
	let checked = 0;
	for (let cut = 0; cut <= actions.length; cut += 7) {
		const before = hostAfter(actions.slice(0, cut));
		for (const count of [1, 3, 10, 60]) {
			// Over the wire: the tail is JSON, as in a snapshot.
			const tail = JSON.parse(JSON.stringify(before.tail(count))) as TranscriptState;
			assert.ok(tail.entries.length <= Math.max(1, count));
			assert.ok(converges(tail, actions.slice(cut), host), `cut ${cut}, tail ${count}`);
			checked++;
		}
	}

	assert.ok(checked > 100);
});

test('without the tail\'s references to older entries, clients would diverge (the refs are what makes it work)', () => {
	const actions = scenario(7, 80);
	const host = hostAfter(actions).state;
	let diverged = 0;
	for (let cut = 5; cut < actions.length; cut += 5) {
		const {tailRefs: _refs, ...bare} = hostAfter(actions.slice(0, cut)).tail(3);
		if (!converges(bare, actions.slice(cut), host)) {
			diverged++;
		}
	}

	assert.ok(diverged > 0);
});

test('the pure reducer on a tail gives the same state as a store', () => {
	const actions = scenario(3, 40);
	const cut = Math.floor(actions.length / 2);
	const tail = hostAfter(actions.slice(0, cut)).tail(5);
	assert.ok(tail.tailRefs);
	const pure = actions.slice(cut).reduce(reduceTranscript, tail);
	const store = new TranscriptStore(tail);
	for (const action of actions.slice(cut)) {
		store.apply(action);
	}

	assert.deepEqual(pure.entries, store.state.entries);
	assert.equal(pure.nextIndex, store.state.nextIndex);
	assert.deepEqual(pure.meta, store.state.meta);
	// And the whole sequence through the pure path equals the host store.
	assert.deepEqual(actions.reduce(reduceTranscript, emptyTranscript()), {...hostAfter(actions).state});
});

test('tail keeps absolute indexes, at least one entry, and only references entries that may still change', () => {
	const host = hostAfter([
		prompt('one'),
		update({sessionUpdate: 'tool_call', toolCallId: 'done-old', status: 'completed'}),
		update({sessionUpdate: 'tool_call', toolCallId: 'running-old', status: 'in_progress'}),
		turnEnd(),
		prompt('two'),
		update({sessionUpdate: 'plan', entries: []}),
		update({sessionUpdate: 'tool_call', toolCallId: 'done-now', status: 'completed'}),
		say('hello'),
	]);
	const tail = host.tail(0);
	assert.deepEqual(tail.entries.map(entry => entry.index), [7]);
	assert.equal(tail.nextIndex, 8);
	assert.deepEqual(tail.tailRefs, {toolCalls: {'running-old': 2, 'done-now': 6}, plan: 5});
	const client = new TranscriptStore(tail);
	assert.equal(client.entryAt(7)?.kind, 'agent-text');
	assert.equal(client.entryAt(2), undefined);
	// An update for a referenced tool call the client does not hold changes nothing there.
	assert.deepEqual(client.apply(update({sessionUpdate: 'tool_call_update', toolCallId: 'running-old', status: 'completed'})), []);
	assert.deepEqual(client.apply(say(' world')), [7]);
	assert.deepEqual(client.apply(update({sessionUpdate: 'plan', entries: []})), []);
	assert.deepEqual(client.apply(update({sessionUpdate: 'tool_call_update', toolCallId: 'brand-new'})), [8]);
	assert.deepEqual(host.tail(100).tailRefs, undefined);
	assert.equal(host.tail(100).entries.length, 8);
});
