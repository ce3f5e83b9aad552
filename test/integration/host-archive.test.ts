/**
A host whose sessions outgrow their in-memory window (DESIGN §10): older entries live in the archive file, yet
history pages, snapshot tails, tail references and the session's last line are exactly what a client that saw
every event computes.
*/
import assert from 'node:assert/strict';
import {readdirSync, readlinkSync} from 'node:fs';
import {dirname} from 'node:path';
import {after, before, test} from 'node:test';
import {lastLine, TranscriptStore} from '../../source/model/transcript.js';
import type {HostEvent, TranscriptEntry} from '../../source/model/types.js';
import {startHost, type HostHarness} from '../helpers/host-harness.js';

// A tiny window, so a few hundred entries exercise archiving (read by createHost from the env).
process.env['AGENTS_TRANSCRIPT_KEEP'] = '20';

let harness: HostHarness;
before(async () => {
	harness = await startHost({name: 'demo', command: '', args: []}, {demo: true});
});
after(async () => {
	await harness.dispose();
});

const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The transcript as a client that received every event from the start builds it (no archive). */
function fromEvents(events: readonly HostEvent[], sessionId: string): TranscriptStore {
	const store = new TranscriptStore();
	for (const event of events) {
		if (event.kind === 'transcript' && event.sessionId === sessionId) store.apply(event.action);
	}

	return store;
}

/** Unlinked archive files this process holds open (Linux: /proc/self/fd). */
function openArchives(): number {
	return readdirSync('/proc/self/fd').filter(fd => {
		try {
			return /\.entries \(deleted\)$/.test(readlinkSync(`/proc/self/fd/${fd}`));
		} catch {
			return false;
		}
	}).length;
}

test('history pages, snapshot tails and tail refs after archiving equal what every event builds', async () => {
	const {host} = harness;
	const session = await host.newSession({});
	let mark = harness.events.length;
	await host.prompt(session.id, '!dup-tool-call !entries:150 !tool-output:2', 'test');
	assert.equal(await harness.turnEnd(session.id, mark), 'end_turn');
	mark = harness.events.length;
	await host.prompt(session.id, '!entries:120', 'test');
	assert.equal(await harness.turnEnd(session.id, mark), 'end_turn');

	const reference = fromEvents(harness.events, session.id);
	const all = reference.state.entries;
	const {nextIndex} = reference.state;
	assert.ok(nextIndex > 270, `entries: ${nextIndex}`);

	// One big page, then pages of 37 walking back from the end (a client scrolling up).
	assert.deepEqual(host.history(session.id, nextIndex, 2000), wire(all));
	const paged: TranscriptEntry[] = [];
	for (let first = nextIndex; first > 0;) {
		const page = host.history(session.id, first, 37);
		assert.ok(page.length > 0 && page.length <= 37);
		paged.unshift(...page);
		first = page[0]!.index;
	}

	assert.deepEqual(paged, wire(all));

	// A client attaching now gets the same tail (entries, indexes, references to older entries) as before archiving.
	const snapshot = host.snapshot({tail: 200}).sessions.find(s => s.info.id === session.id)!;
	const expected = wire(reference.tail(200));
	assert.deepEqual(snapshot.transcript.entries, expected.entries);
	assert.equal(snapshot.transcript.nextIndex, nextIndex);
	assert.deepEqual(snapshot.transcript.tailRefs, expected.tailRefs);
	assert.equal(snapshot.info.lastLine, lastLine(reference.state));
	// The tool calls of the first turn left memory and still come back whole.
	const toolCalls = paged.filter(entry => entry.kind === 'tool-call');
	assert.ok(toolCalls.length >= 2 && toolCalls.every(entry => entry.index < nextIndex - 100));
	assert.ok(toolCalls.every(entry => entry.kind === 'tool-call' && entry.status === 'completed'));

	// The archive is never visible as a file: the log directory holds the JSONL log only…
	const logDirectory = dirname(snapshot.info.logPath!);
	assert.deepEqual(readdirSync(logDirectory).filter(name => !name.endsWith('.jsonl')), []);
	// …but it is open (unlinked) and was used: the equalities above really went through it.
	if (process.platform === 'linux') assert.ok(openArchives() >= 1, 'an unlinked .entries file is open');

	const open = process.platform === 'linux' ? openArchives() : 0;
	await host.endSession(session.id);
	assert.equal(host.snapshot().sessions.some(s => s.info.id === session.id), false);
	if (process.platform === 'linux') assert.equal(openArchives(), open - 1, 'ending the session closed its archive');
});

test('each session archives on its own: a second session serves its own entries only', async () => {
	const {host} = harness;
	const session = await host.newSession({});
	const mark = harness.events.length;
	await host.prompt(session.id, '!entries:60', 'test');
	assert.equal(await harness.turnEnd(session.id, mark), 'end_turn');
	const reference = fromEvents(harness.events, session.id);
	assert.deepEqual(host.history(session.id, reference.state.nextIndex, 1000), wire(reference.state.entries));
	assert.deepEqual(host.snapshot({tail: 5}).sessions.find(s => s.info.id === session.id)!.transcript.entries, wire(reference.tail(5).entries));
});
