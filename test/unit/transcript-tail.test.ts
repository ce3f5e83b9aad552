import assert from 'node:assert/strict';
import {test} from 'node:test';
import {isDeepStrictEqual} from 'node:util';
import type {TranscriptAction, TranscriptState} from '../../source/model/types.js';
import {emptyTranscript, reduceTranscript, TranscriptStore} from '../../source/model/transcript.js';
import {codexOptions, nextTs, prompt, say, think, turnEnd, update} from '../helpers/transcript-fixtures.js';

/** A small seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		return state / 2 ** 32;
	};
}

/**
A long, realistic action sequence: turns with chunks (with and without messageIds), tool calls in the styles of
codex, gemini and claude, updates to tool calls of earlier turns, plans, metadata, unknown kinds, permissions
answered late or never, cancels, interrupts and an agent restart.
*/
function scenario(seed: number, turns: number): TranscriptAction[] {
	const rnd = random(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
	const actions: TranscriptAction[] = [];
	const open: string[] = [];
	const pending: string[] = [];
	let ids = 0;
	for (let turn = 0; turn < turns; turn++) {
		actions.push(prompt(`turn ${turn}`));
		const steps = 3 + Math.floor(rnd() * 12);
		for (let step = 0; step < steps; step++) {
			const roll = rnd();
			if (roll < 0.3) {
				const messageId = rnd() < 0.5 ? undefined : `m${turn}-${Math.floor(rnd() * 2)}`;
				actions.push(rnd() < 0.7 ? say(`tok${step} `, messageId) : think(`t${step}`, messageId));
			} else if (roll < 0.45) {
				const id = `call_${ids++}`;
				open.push(id);
				actions.push(update({sessionUpdate: 'tool_call', toolCallId: id, title: 'Terminal', kind: 'execute', status: 'pending'}));
			} else if (roll < 0.55) {
				// codex / gemini: the permission is the first thing seen of the tool call.
				const id = `call_${ids++}`;
				const requestId = rnd() < 0.5 ? String(ids) : `uuid-${ids}`;
				open.push(id);
				pending.push(requestId);
				actions.push({type: 'permission-request', ts: nextTs(), requestId, toolCall: {toolCallId: id, title: `cmd ${id}`, kind: 'execute'}, options: codexOptions});
			} else if (roll < 0.7 && open.length > 0) {
				// Any open tool call, maybe one from an earlier turn, maybe one before a client's tail.
				const id = pick(open);
				const status = pick(['in_progress', 'completed', 'failed'] as const);
				if (status !== 'in_progress') {
					open.splice(open.indexOf(id), 1);
				}

				actions.push(update({sessionUpdate: 'tool_call_update', toolCallId: id, status, content: [{type: 'content', content: {type: 'text', text: `out ${step}`}}]}));
			} else if (roll < 0.75 && pending.length > 0) {
				const requestId = pending.shift()!;
				actions.push({type: 'permission-resolved', ts: nextTs(), requestId, outcome: {outcome: 'selected', optionId: 'approved'}, by: 'tui-1'});
			} else if (roll < 0.82) {
				actions.push(update({sessionUpdate: 'plan', entries: [{content: `step ${step}`, priority: 'high', status: pick(['pending', 'in_progress', 'completed'] as const)}]}));
			} else if (roll < 0.88) {
				actions.push(update(pick([
					{sessionUpdate: 'usage_update', used: step * 100, size: 200_000, cost: {amount: step / 100, currency: 'USD'}},
					{sessionUpdate: 'current_mode_update', currentModeId: pick(['default', 'plan'])},
					{sessionUpdate: 'session_info_update', title: rnd() < 0.2 ? null : `title ${turn}`},
					{sessionUpdate: 'available_commands_update', availableCommands: [{name: 'init', description: 'Init'}]},
				])));
			} else if (roll < 0.92) {
				actions.push(update({sessionUpdate: 'compaction_update', compactionId: `c${step}`, status: 'in_progress'}));
			} else {
				// An agent that re-sends `tool_call` for a known id (claude-code 0.16.2).
				const id = open.length > 0 ? pick(open) : `call_${ids++}`;
				actions.push(update({sessionUpdate: 'tool_call', toolCallId: id, title: `real ${id}`, kind: 'execute', status: 'in_progress'}));
			}
		}

		const end = rnd();
		if (end < 0.08) {
			actions.push({type: 'interrupted', ts: nextTs(), reason: 'agent exited'});
			pending.length = 0;
		} else if (end < 0.11) {
			actions.push({type: 'agent-stopped', ts: nextTs(), reason: 'exit 1'}, {type: 'history-divider', ts: nextTs(), text: 'restored'});
			pending.length = 0;
			open.length = 0;
		} else {
			actions.push(turnEnd(end < 0.2 ? 'cancelled' : 'end_turn'));
		}
	}

	return actions;
}

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
