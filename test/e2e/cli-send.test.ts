/**
The one-shot commands against a real host with the demo agent (DESIGN §8): `-d` prints the id, `send --wait`
streams the reply and maps stop reasons to exit codes, sessions share one agent process, `status --format`,
candidate lists for unknown and ambiguous ids, and `kill` leaves no process behind.
*/
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {createCliSandbox, lsJson, pidAlive, waitFor, type CliSandbox} from '../helpers/cli-harness.js';

let sandbox: CliSandbox;
let hostId: string;
before(async () => {
	sandbox = createCliSandbox();
	hostId = await sandbox.startDemoHost();
});
after(async () => {
	await sandbox.cleanup();
});

async function status(format: string, id = hostId): Promise<string> {
	const result = await sandbox.run(['status', id, '--format', format]);
	assert.equal(result.code, 0, result.stderr);
	return result.stdout.trim();
}

test('-d prints the host id alone; send --wait streams the reply and exits 0', async () => {
	assert.match(hostId, /^[\w-]+\.[\w-]+\.demo\.\d+$/);
	const result = await sandbox.run(['send', hostId, '--wait', '!quick hello there']);
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /hello there/);
	assert.equal(result.stderr, '');
	assert.equal(await status('#{phase} #{sessions}'), 'idle 1');
});

test('new-session + send run on the same agent pid; -s takes a unique prefix', async () => {
	const [before] = await lsJson(sandbox);
	assert.ok(before?.agentPid);
	const created = await sandbox.run(['new-session', hostId]);
	assert.equal(created.code, 0, created.stderr);
	const sessionId = created.stdout.trim();
	assert.match(sessionId, /^\S+$/);
	assert.equal(created.stdout, `${sessionId}\n`);
	const sent = await sandbox.run(['send', hostId, '-s', sessionId.slice(0, 12), '--wait', '!quick second session']);
	assert.equal(sent.code, 0, sent.stderr);
	assert.match(sent.stdout, /second session/);
	const [after] = await lsJson(sandbox);
	assert.equal(after?.agentPid, before.agentPid);
	assert.equal(after?.sessions, 2);
	const unknown = await sandbox.run(['send', hostId, '-s', 'zzzz', 'x']);
	assert.equal(unknown.code, 1);
	assert.match(unknown.stderr, new RegExp(`no session "zzzz".*${sessionId}`));
});

test('status --format fills tmux-style placeholders, per host and aggregated', async () => {
	assert.equal(await status('#{phase} #{running}/#{sessions} #{agent} #{host}'), `idle 0/2 demo ${hostId}`);
	const aggregate = await sandbox.run(['status']);
	assert.equal(aggregate.stdout, 'agents: idle\n');
	const plain = await sandbox.run(['status', hostId]);
	assert.equal(plain.stdout, 'demo: idle\n');
});

test('send --wait exits 3 when the turn is cancelled with agents cancel', async () => {
	const waiting = sandbox.start(['send', hostId, '--wait', '!stall']);
	await waitFor('the stalled turn to run', async () => (await status('#{running}')) === '1');
	const aggregate = await sandbox.run(['status', '--format', '#{phase}: #{running} running']);
	assert.equal(aggregate.stdout, 'running: 1 running\n');
	const cancelled = await sandbox.run(['cancel', hostId]);
	assert.equal(cancelled.code, 0, cancelled.stderr);
	const result = await waiting.done;
	assert.equal(result.code, 3, result.stderr);
	assert.match(result.stderr, /cancelled/);
});

test('unknown and ambiguous ids list the candidates and exit 1', async () => {
	const unknown = await sandbox.run(['send', 'nosuchhost', 'hi']);
	assert.equal(unknown.code, 1);
	assert.equal(unknown.stderr.trim().split('\n').length, 1);
	assert.match(unknown.stderr, new RegExp(`nosuchhost.*${hostId.replaceAll('.', String.raw`\.`)}`));
	const other = await sandbox.startDemoHost();
	const ambiguous = await sandbox.run(['status', 'demo']);
	assert.equal(ambiguous.code, 1);
	assert.match(ambiguous.stderr, /ambiguous/);
	assert.ok(ambiguous.stderr.includes(hostId) && ambiguous.stderr.includes(other), ambiguous.stderr);
	const usage = await sandbox.run(['send']);
	assert.equal(usage.code, 2);
	const killed = await sandbox.run(['kill', other]);
	assert.equal(killed.code, 0, killed.stderr);
});

test('send --wait exits 5 when the agent dies mid-turn', async () => {
	const result = await sandbox.run(['send', hostId, '--wait', '!crash']);
	assert.equal(result.code, 5, `${result.stdout}\n${result.stderr}`);
	assert.match(result.stderr, /agent died/);
	assert.equal(await status('#{phase}'), 'stopped');
	const restarted = await sandbox.run(['restart', hostId]);
	assert.equal(restarted.code, 0, restarted.stderr);
	assert.equal(await status('#{phase}'), 'idle');
});

test('kill ends host and agent with no process left behind', async () => {
	const [host] = await lsJson(sandbox);
	assert.ok(host?.pid && host.agentPid);
	assert.ok(pidAlive(host.pid) && pidAlive(host.agentPid));
	const result = await sandbox.run(['kill', hostId]);
	assert.equal(result.code, 0, result.stderr);
	assert.equal(pidAlive(host.pid), false);
	assert.equal(pidAlive(host.agentPid), false);
	assert.equal(existsSync(join(sandbox.runtimeRoot, hostId)), false);
	assert.deepEqual(await lsJson(sandbox), []);
});
