/**
The host against the ACP maintainers' example agent (`@agentclientprotocol/sdk@1.9.0` dist/examples/agent.js,
installed as `acp-example-agent`): an agent nobody here wrote. Each of its turns takes ~5 s.
*/
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {after, before, test} from 'node:test';
import {readLogFile} from '../../source/log/session-log-reader.js';
import {HostError} from '../../source/model/types.js';
import {agentText, exampleAgent, permissionRequests, renderedLogs, startHost, type HostHarness} from '../helpers/host-harness.js';

function childPids(): number[] {
	const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], {encoding: 'utf8'});
	return out.split('\n').map(line => Number(line.trim())).filter(pid => pid > 0);
}

let harness: HostHarness;
before(async () => {
	harness = await startHost(exampleAgent);
});
after(async () => {
	await harness.dispose();
});

test('two sessions on ONE agent process, concurrent prompts, one permission allowed and one rejected', async () => {
	const {host} = harness;
	const pid = host.agentPid;
	assert.ok(pid);
	const a = await host.newSession({});
	const b = await host.newSession({});
	assert.notEqual(a.id, b.id);
	const agentChildren = childPids().filter(child => child === pid);
	assert.deepEqual(agentChildren, [pid], 'exactly one agent process');

	const start = harness.events.length;
	await host.prompt(a.id, 'hello from pane A', 'test');
	await host.prompt(b.id, 'hello from pane B', 'test');
	assert.equal(host.status().activePrompts, 2);

	await harness.waitFor(e => e.kind === 'transcript' && e.sessionId === a.id && e.action.type === 'permission-request');
	await harness.waitFor(e => e.kind === 'transcript' && e.sessionId === b.id && e.action.type === 'permission-request');
	assert.equal(host.status().phase, 'waiting');
	assert.equal(host.status().pendingPermissions, 2);
	const [requestA] = permissionRequests(harness.events, a.id);
	const [requestB] = permissionRequests(harness.events, b.id);
	assert.deepEqual(host.answerPermission(a.id, requestA!, 'allow', 'client-1'), {accepted: true, winner: 'client-1'});
	// First answer wins: a second client learns who answered.
	assert.deepEqual(host.answerPermission(a.id, requestA!, 'reject', 'client-2'), {accepted: false, winner: 'client-1'});
	assert.equal(host.answerPermission(b.id, requestB!, 'reject', 'client-2').accepted, true);

	assert.equal(await harness.turnEnd(a.id, start), 'end_turn');
	assert.equal(await harness.turnEnd(b.id, start), 'end_turn');
	assert.match(agentText(host, a.id), /successfully updated/);
	assert.doesNotMatch(agentText(host, a.id), /prefer not/);
	assert.match(agentText(host, b.id), /prefer not/);
	assert.doesNotMatch(agentText(host, b.id), /successfully updated/);
	assert.equal(host.agentPid, pid);
	assert.equal(host.status().phase, 'idle');
	assert.equal(host.status().activePrompts, 0);

	// Every update of the turn is in the JSONL, in order, with contiguous seq.
	const {records, stats} = await readLogFile(a.logPath!);
	assert.equal(stats.skippedCorrupt + stats.skippedPartial, 0);
	assert.deepEqual(records.map(r => r.seq), records.map((_, i) => records[0]!.seq + i));
	const loggedKinds = records.filter(r => r.type === 'update').map(r => (r as {update: {sessionUpdate: string}}).update.sessionUpdate);
	const seenKinds = harness.events.filter(e => e.kind === 'transcript' && e.sessionId === a.id && e.action.type === 'update')
		.map(e => ((e as {action: {update: {sessionUpdate: string}}}).action.update.sessionUpdate));
	assert.deepEqual(loggedKinds, seenKinds);
	assert.deepEqual(records.map(r => r.type).filter(t => t !== 'update'), ['session-start', 'prompt', 'permission-request', 'permission-outcome', 'turn-end']);
	const outcome = records.find(r => r.type === 'permission-outcome') as {client: string; outcome: {optionId: string}};
	assert.equal(outcome.client, 'client-1');
	assert.equal(outcome.outcome.optionId, 'allow');
});

test('phase sequence starting → running → waiting → running → idle, from the event stream', async () => {
	const {host} = harness;
	const s = await host.newSession({});
	const mark = harness.events.length;
	await host.prompt(s.id, 'phase run', 'test');
	await harness.waitFor(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === s.id && e.action.type === 'permission-request');
	host.answerPermission(s.id, permissionRequests(harness.events, s.id).at(-1)!, 'allow', 'test');
	await harness.turnEnd(s.id, mark);
	const phases = harness.phases();
	assert.equal(phases[0], 'starting');
	const afterStart = phases.slice(phases.lastIndexOf('idle', phases.length - 2));
	assert.deepEqual(afterStart, ['idle', 'running', 'waiting', 'running', 'idle']);
});

test('cancel mid-turn ends the turn cancelled and the phase returns to idle; ending a busy session is refused', async () => {
	const {host} = harness;
	const s = await host.newSession({});
	const mark = harness.events.length;
	await host.prompt(s.id, 'cancel me', 'test');
	await harness.waitFor(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === s.id && e.action.type === 'update');
	await assert.rejects(host.endSession(s.id), (error: HostError) => error.code === 'busy' && /busy/.test(error.message));
	await host.cancel(s.id);
	assert.equal(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.state, 'cancelling');
	assert.equal(await harness.turnEnd(s.id, mark), 'cancelled');
	assert.equal(host.status().phase, 'idle');
	await host.endSession(s.id);
	assert.equal(host.snapshot().sessions.some(x => x.info.id === s.id), false);
});

test('a prompt sent while busy is queued and sent at turn end', async () => {
	const {host} = harness;
	const s = await host.newSession({});
	const mark = harness.events.length;
	await host.prompt(s.id, 'first', 'test');
	assert.deepEqual(await host.prompt(s.id, 'second', 'test'), {queued: true, queueLength: 1});
	assert.deepEqual(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.queue, ['second']);
	await host.cancel(s.id);
	await harness.turnEnd(s.id, mark);
	await harness.waitFor(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === s.id && e.action.type === 'prompt' && e.action.text === 'second');
	await host.cancel(s.id);
	await harness.waitFor(e => e.kind === 'session' && e.session.id === s.id && e.session.state === 'idle' && e.session.queue.length === 0);
});

test('agent killed mid-turn → stopped, interrupted, counters zero; restart keeps the old transcript (no session/load)', async () => {
	const {host} = harness;
	const s = await host.newSession({});
	const mark = harness.events.length;
	await host.prompt(s.id, 'doomed turn', 'test');
	await harness.waitFor(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === s.id && e.action.type === 'update');
	process.kill(host.agentPid!, 'SIGKILL');
	await harness.waitFor(e => e.seq > mark && e.kind === 'host' && e.host.phase === 'stopped');
	const status = host.status();
	assert.equal(status.activePrompts, 0);
	assert.equal(status.pendingPermissions, 0);
	const info = host.snapshot().sessions.find(x => x.info.id === s.id)!;
	assert.equal(info.info.state, 'interrupted');
	assert.ok(info.transcript.entries.some(e => e.kind === 'interrupted'));
	// A late completion (the prompt's rejection arrives after the exit) must not revive the phase.
	await new Promise(r => setTimeout(r, 300));
	assert.equal(host.status().phase, 'stopped');
	await assert.rejects(host.prompt(s.id, 'x'), (error: HostError) => error.code === 'agent-stopped');

	const before = info.transcript.entries.length;
	await host.restartAgent();
	assert.equal(host.status().phase, 'idle');
	const restored = host.snapshot({tail: 10_000}).sessions.find(x => x.info.id === s.id)!;
	assert.equal(restored.info.state, 'idle');
	assert.ok(restored.info.agentSessionId && restored.info.agentSessionId !== s.id, 'a new agent session backs the old one');
	assert.ok(restored.transcript.entries.length > before);
	assert.equal(restored.transcript.entries.filter(e => e.kind === 'prompt' && e.text === 'doomed turn').length, 1, 'the interrupted prompt is kept, never re-sent');
	assert.match(JSON.stringify(restored.transcript.entries.at(-1)), /cannot load sessions/);
	const mark2 = harness.events.length;
	await host.prompt(s.id, 'after restart', 'test');
	await harness.waitFor(e => e.seq > mark2 && e.kind === 'transcript' && e.sessionId === s.id && e.action.type === 'update');
	await host.cancel(s.id);
	await harness.turnEnd(s.id, mark2);
});

test('agents logs renders the log of a real example-agent run', async () => {
	const {host} = harness;
	const s = await host.newSession({});
	const mark = harness.events.length;
	await host.prompt(s.id, 'render me in the pager', 'cli-7');
	await harness.waitFor(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === s.id && e.action.type === 'permission-request');
	host.answerPermission(s.id, permissionRequests(harness.events, s.id).at(-1)!, 'reject', 'tui-3');
	await harness.turnEnd(s.id, mark);
	const {code, out, err} = await renderedLogs(harness, s.id);
	assert.equal(code, 0, err);
	assert.match(out, /example/);
	assert.match(out, /render me in the pager/);
	assert.match(out, /Reading project files/);
	assert.match(out, /Modifying critical configuration file/);
	assert.match(out, /reject/i);
	assert.match(out, /tui-3/);
	assert.match(out, /end_turn/);
	assert.match(out, /prefer not/);
});
