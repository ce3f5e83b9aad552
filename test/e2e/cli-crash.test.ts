/**
Kill -9 of a client and of a host (DESIGN §11, host-architecture-notes §6.3 #4, #5): a client's death never
touches the agent's turn and a later client gets everything with contiguous seqs; a dead host is reported
and cleaned by `ls`, `attach` to it fails clearly, and its session logs read back intact.
*/
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import type {ClientMessage, Snapshot} from '../../source/model/types.js';
import {createCliSandbox, lsJson, pidAlive, pidReaped, waitFor, type CliSandbox} from '../helpers/cli-harness.js';

let sandbox: CliSandbox;
before(() => {
	sandbox = createCliSandbox();
});
after(async () => {
	await sandbox.cleanup();
});

function lines(text: string): unknown[] {
	return text.split('\n').filter(Boolean).map(line => JSON.parse(line) as unknown);
}

test('a client killed mid-turn: the turn completes; a client attaching later sees it with no gap or duplicate seq', async () => {
	const hostId = await sandbox.startDemoHost();
	const sender = sandbox.start(['send', hostId, '--wait', '!chunks:30 !delay:40']);
	await waitFor('the first streamed chunk', () => sender.stdout().length > 0);
	sender.child.kill('SIGKILL');
	const killed = await sender.done;
	assert.equal(killed.signal, 'SIGKILL');
	await waitFor('the turn to end without its client', async () => {
		const result = await sandbox.run(['status', hostId, '--format', '#{running}/#{sessions}']);
		return result.stdout.trim() === '0/1';
	});

	const watcher = sandbox.start(['attach', hostId, '--json', '--read-only']);
	const [first] = await waitFor('the snapshot line', () => watcher.stdout().includes('\n') && lines(watcher.stdout().split('\n')[0]!));
	const snapshot = (first as ClientMessage & {type: 'snapshot'}).snapshot as Snapshot;
	const [session] = snapshot.sessions;
	assert.ok(session);
	const kinds = session.transcript.entries.map(entry => entry.kind);
	assert.deepEqual(kinds.filter(kind => kind === 'prompt' || kind === 'turn-end'), ['prompt', 'turn-end']);
	const end = session.transcript.entries.find(entry => entry.kind === 'turn-end');
	assert.equal(end?.kind === 'turn-end' && end.stopReason, 'end_turn');
	assert.ok(session.transcript.entries.some(entry => entry.kind === 'agent-text'));

	const sent = await sandbox.run(['send', hostId, '--wait', '!quick after the crash']);
	assert.equal(sent.code, 0, sent.stderr);
	const messages = await waitFor('the second turn in the watcher', () => {
		const all = lines(watcher.stdout()) as ClientMessage[];
		return all.some(message => message.type === 'event' && message.event.kind === 'transcript' && message.event.action.type === 'turn-end') && all;
	});
	const seqs = messages.flatMap(message => (message.type === 'event' ? [message.event.seq] : []));
	assert.ok(seqs.length > 0);
	assert.deepEqual(seqs, seqs.map((_, index) => snapshot.seq + 1 + index), 'events continue the snapshot seq, no gap, no duplicate');
	assert.equal(messages.filter(message => message.type === 'snapshot').length, 1, 'no resync was needed');
	watcher.child.kill('SIGTERM');
	const detached = await watcher.done;
	assert.equal(detached.code, 0, detached.stderr);
});

test('a host killed with SIGKILL: ls reports and removes it, attach fails clearly, logs read back intact', async () => {
	const hostId = await sandbox.startDemoHost();
	const sent = await sandbox.run(['send', hostId, '--wait', '!quick before the crash']);
	assert.equal(sent.code, 0, sent.stderr);
	const host = (await lsJson(sandbox)).find(candidate => candidate.hostId === hostId);
	assert.ok(host?.pid && host.agentPid);
	process.kill(host.pid, 'SIGKILL');
	await waitFor('the host to die and be reaped', () => pidReaped(host.pid!));

	const listed = (await lsJson(sandbox)).find(candidate => candidate.hostId === hostId);
	assert.equal(listed?.state, 'dead');
	assert.equal(existsSync(join(sandbox.runtimeRoot, hostId)), false, 'run dir removed');
	assert.equal((await lsJson(sandbox)).some(candidate => candidate.hostId === hostId), false, 'reported once');

	const attach = await sandbox.run(['attach', hostId, '--plain']);
	assert.equal(attach.code, 1);
	assert.equal(attach.stderr.trim().split('\n').length, 1);
	assert.match(attach.stderr, new RegExp(`no host matches "${hostId.replaceAll('.', String.raw`\.`)}"`));

	const logDir = join(sandbox.stateDir, 'sessions', hostId);
	const [logFile] = readdirSync(logDir).filter(name => name.endsWith('.jsonl'));
	assert.ok(logFile);
	const records = readFileSync(join(logDir, logFile), 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as {seq: number; type: string});
	assert.deepEqual(records.map(record => record.seq), records.map((_, index) => records[0]!.seq + index));
	assert.ok(records.some(record => record.type === 'prompt'));
	assert.ok(records.some(record => record.type === 'turn-end'));
	// The agent loses its stdin with the host; make sure nothing is left either way.
	await waitFor('the orphaned agent to exit', () => !pidAlive(host.agentPid!)).catch(() => process.kill(host.agentPid!, 'SIGKILL'));
});
