import assert from 'node:assert/strict';
import {test} from 'node:test';
import {memoryArchive, type EntryArchive} from '../../source/model/transcript-archive.js';
import {lastLine, TranscriptStore} from '../../source/model/transcript.js';
import type {TranscriptAction, TranscriptEntry} from '../../source/model/types.js';
import {codexOptions, nextTs, prompt, say, turnEnd, update} from '../helpers/transcript-fixtures.js';
import {scenario} from '../helpers/transcript-scenario.js';

/** What a client receives is JSON: compare through it (archived entries come back from JSON too). */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every read a client or the host can make of a store, in one comparable value. */
function views(store: TranscriptStore): unknown {
	const {nextIndex} = store.state;
	const entries: Array<TranscriptEntry | undefined> = [];
	for (let index = 0; index < nextIndex; index++) entries.push(store.entryAt(index));
	const pages: unknown[] = [];
	for (const before of [0, 1, Math.floor(nextIndex / 3), Math.floor(nextIndex / 2), nextIndex - 1, nextIndex, nextIndex + 5]) {
		for (const limit of [0, 1, 7, 40, 5000]) pages.push(store.before(before, limit));
	}

	const tails = [0, 1, 3, 10, 60, 5000].map(count => store.tail(count));
	return wire({entries, pages, tails, nextIndex, meta: store.state.meta, lastLine: store.lastLine()});
}

function run(actions: readonly TranscriptAction[], store: TranscriptStore): Array<readonly number[]> {
	return actions.map(action => store.apply(action));
}

test('a store that archives old entries answers every read exactly like one that keeps everything', () => {
	let compared = 0;
	for (const seed of [1, 42, 99]) {
		const actions = scenario(seed, 60);
		for (const [keep, batch] of [[1, 1], [3, 2], [8, 5], [40, 30]] as const) {
			const plain = new TranscriptStore();
			const archive = memoryArchive();
			const archived = new TranscriptStore(undefined, {archive, keep, batch});
			for (let cut = 0; cut < actions.length; cut += 37) {
				const slice = actions.slice(cut, cut + 37);
				// The same changed indexes at every step: clients re-render from these.
				assert.deepEqual(run(slice, archived), run(slice, plain), `seed ${seed} keep ${keep} cut ${cut}`);
				assert.deepEqual(views(archived), views(plain), `seed ${seed} keep ${keep} cut ${cut}`);
				assert.ok(archived.state.entries.length <= keep + batch);
				compared++;
			}

			assert.ok(archive.size > plain.state.nextIndex / 2, `most entries archived (seed ${seed}, keep ${keep})`);
			assert.equal(lastLine(plain.state), archived.lastLine());
		}
	}

	assert.ok(compared > 50);
});

test('an unfinished tool call stays in memory below the window and takes its late updates; it is archived once settled', () => {
	const archive = memoryArchive();
	const store = new TranscriptStore(undefined, {archive, keep: 2, batch: 1});
	const plain = new TranscriptStore();
	const actions: TranscriptAction[] = [
		prompt('go'),
		update({sessionUpdate: 'tool_call', toolCallId: 'slow', title: 'Build', status: 'in_progress'}),
		{type: 'permission-request', ts: nextTs(), requestId: 'r1', toolCall: {toolCallId: 'asks', title: 'rm'}, options: codexOptions},
		...Array.from({length: 10}, (_, index) => say(`line ${index}\n`, `m${index}`)),
	];
	run(actions, store);
	run(actions, plain);
	assert.deepEqual(store.pinnedEntries().map(entry => entry.index), [1, 2]);
	assert.equal(store.state.entries[0]?.index, 10, 'the window holds keep…keep+batch entries');
	// Late updates reach entries that left the window, with the same changed indexes as a full store.
	const late: TranscriptAction[] = [
		update({sessionUpdate: 'tool_call_update', toolCallId: 'slow', status: 'completed'}),
		{type: 'permission-resolved', ts: nextTs(), requestId: 'r1', outcome: {outcome: 'selected', optionId: 'approved'}, by: 'tui-1'},
		update({sessionUpdate: 'tool_call_update', toolCallId: 'asks', status: 'failed'}),
		say('more', 'm-late'),
		say('and more', 'm-later'),
	];
	assert.deepEqual(run(late, store), run(late, plain));
	assert.deepEqual(store.pinnedEntries(), [], 'settled entries left memory at the next move');
	assert.deepEqual(views(store), views(plain));
	// And a change to an archived, settled tool call (an agent re-sending it) brings it back, then out again.
	const resend = [update({sessionUpdate: 'tool_call', toolCallId: 'slow', title: 'Build (again)', status: 'completed'}), turnEnd()];
	assert.deepEqual(run(resend, store), run(resend, plain));
	assert.deepEqual(views(store), views(plain));
});

test('when the archive refuses entries (disk full), the store keeps them all in memory and stays correct', () => {
	const memory = memoryArchive();
	let accept = 2;
	const flaky: EntryArchive = {put: entries => accept-- > 0 && memory.put(entries), read: (from, to) => memory.read(from, to)};
	const store = new TranscriptStore(undefined, {archive: flaky, keep: 3, batch: 2});
	const plain = new TranscriptStore();
	const actions = scenario(5, 30);
	assert.deepEqual(run(actions, store), run(actions, plain));
	assert.deepEqual(views(store), views(plain));
	assert.ok(memory.size > 0);
	assert.ok(store.state.entries.length > 100, 'archiving stopped after the refusal');
});

test('a client tail store (no archive) behaves as before: nothing below its first entry is known', () => {
	const host = new TranscriptStore(undefined, {archive: memoryArchive(), keep: 2, batch: 1});
	run(scenario(11, 20), host);
	const tail = wire(host.tail(5));
	const client = new TranscriptStore(tail);
	const first = tail.entries[0]!.index;
	assert.equal(client.entryAt(first - 1), undefined);
	assert.deepEqual(client.before(first, 10), []);
	assert.deepEqual(client.tail(50).entries, tail.entries);
});
