/**
Host ids and listing (DESIGN §4.1, §8): ids minted once by the spawner, unique by exclusive mkdir even
within one second and under concurrency; `ls --json` reports agent, phase and sessions; `kill --all`
leaves no process behind.
*/
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {createCliSandbox, lsJson, pidAlive, waitFor, type CliSandbox} from '../helpers/cli-harness.js';

let sandbox: CliSandbox;
before(() => {
	sandbox = createCliSandbox();
});
after(async () => {
	await sandbox.cleanup();
});

const idPattern = /^[\w-]+\.[\w-]+\.demo\.(\d+)$/;

test('8 hosts started concurrently get 8 distinct ids and run dirs, all listed with agent, phase and sessions', async () => {
	const results = await Promise.all(Array.from({length: 8}, async () => sandbox.run(['-d', '-a', 'demo'])));
	for (const result of results) assert.equal(result.code, 0, result.stderr);
	const ids = results.map(result => result.stdout.trim());
	for (const id of ids) assert.match(id, idPattern);
	assert.equal(new Set(ids).size, 8);
	// Started within a few seconds of each other: several share a clock second, so uniqueness came from mkdir.
	const epochs = ids.map(id => Number(idPattern.exec(id)?.[1]));
	assert.ok(new Set(epochs).size === 8, 'epochs were bumped to distinct values');
	for (const id of ids) assert.ok(existsSync(join(sandbox.runtimeRoot, id, 'sock')), `${id} has its socket`);

	const hosts = await lsJson(sandbox);
	assert.deepEqual(hosts.map(host => host.hostId).sort(), [...ids].sort());
	for (const host of hosts) {
		assert.equal(host.state, 'live');
		assert.equal(host.agent, 'demo');
		assert.equal(host.phase, 'idle');
		assert.equal(host.sessions, 0);
		assert.ok(host.pid && pidAlive(host.pid));
		assert.ok(host.agentPid && pidAlive(host.agentPid));
	}

	const table = await sandbox.run(['ls']);
	assert.equal(table.code, 0);
	assert.match(table.stdout, /^HOST\s+AGENT\s+PHASE\s+SESSIONS\s+CLIENTS/);
	for (const id of ids) assert.match(table.stdout, new RegExp(`${id.replaceAll('.', String.raw`\.`)}\\s+demo\\s+idle\\s+0`));

	const pids = hosts.flatMap(host => [host.pid!, host.agentPid!]);
	const killed = await sandbox.run(['kill', '--all']);
	assert.equal(killed.code, 0, killed.stderr);
	for (const pid of pids) assert.equal(pidAlive(pid), false, `pid ${pid} is gone`);
	assert.deepEqual(await lsJson(sandbox), []);
	for (const id of ids) assert.equal(existsSync(join(sandbox.runtimeRoot, id)), false);
});

test('two hosts started back to back in the same second get distinct ids', async () => {
	const first = await sandbox.startDemoHost();
	const second = await sandbox.startDemoHost();
	assert.notEqual(first, second);
	const [, firstEpoch] = idPattern.exec(first) ?? [];
	const [, secondEpoch] = idPattern.exec(second) ?? [];
	// Same second or not, the second id is never the first (mkdir EEXIST bumps the epoch).
	assert.ok(Number(secondEpoch) >= Number(firstEpoch));
	await waitFor('both listed', async () => (await lsJson(sandbox)).length === 2);
});
