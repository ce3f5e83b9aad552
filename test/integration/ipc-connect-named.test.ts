/**
The one-connection fast path of attach and the one-shots (discovery.connectNamedHost, commands/connect.openHost):
a query naming one run directory connects at once; anything it cannot decide falls back to the full probe.
*/
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import net from 'node:net';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {test} from 'node:test';
import {openHost} from '../../source/commands/connect.js';
import {connectNamedHost} from '../../source/ipc/discovery.js';
import {createRunDir} from '../../source/ipc/host-id.js';
import {writeHostJson} from '../../source/ipc/host-json.js';
import {ensureRuntimeRoot} from '../../source/ipc/runtime-root.js';
import {errorCodes} from '../../source/ipc/wire.js';
import {fakeHostKit, waitFor} from '../helpers/ipc-test-kit.js';

const {base, env, project, spawnFake} = fakeHostKit('agents-ipc-named-', 'proj');

const hostLog = (hostId: string): string => {
	const path = join(env.AGENTS_STATE_DIR, 'hosts', `${hostId}.log`);
	return existsSync(path) ? readFileSync(path, 'utf8') : '';
};

function testIo() {
	return {stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env};
}

test('a query naming one run directory connects once, with the caller\'s options, and no probe', async () => {
	const host = await spawnFake('named', ['--sessions', '2']);
	const named = await connectNamedHost('named', {kind: 'cli', name: 'fast-one', tail: 0}, env);
	assert.ok(named && 'client' in named, 'connected');
	assert.equal(named.listing.hostId, host.hostId);
	assert.equal(named.listing.state, 'live');
	assert.equal(named.listing.socketPath, host.socketPath);
	assert.equal(named.listing.sessions, 2);
	assert.equal(named.listing.info?.pid, host.pid);
	assert.equal(named.client.snapshot.sessions.length, 2);
	named.client.close();

	const {client, listing} = await openHost(host.hostId.slice(0, -2), testIo(), {name: 'fast-two'});
	assert.equal(listing.hostId, host.hostId);
	client.close();
	await waitFor(() => hostLog(host.hostId).includes('(cli fast-two)'), 'the second client in the host log');
	const log = hostLog(host.hostId);
	assert.equal(log.match(/ attached \(/g)?.length, 2, log);
	assert.doesNotMatch(log, /probe/);
});

test('no match, an ambiguous match or a dead run dir: undefined, so the caller falls back to the full probe', async () => {
	assert.equal(await connectNamedHost('nothing-like-it', {kind: 'cli'}, env), undefined);
	const one = await spawnFake('twin');
	const two = await spawnFake('twin');
	assert.notEqual(one.hostId, two.hostId);
	assert.equal(await connectNamedHost('twin', {kind: 'cli'}, env), undefined);
	await assert.rejects(openHost('twin', testIo(), {name: 'x'}), /ambiguous/);

	const {runDir, socketPath, hostId} = createRunDir(ensureRuntimeRoot(env), {hostname: 'box', project: 'old', agent: 'ghost', epoch: 1000});
	const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('up'))`], {stdio: ['ignore', 'pipe', 'inherit']});
	await new Promise(resolve => child.stdout.once('data', resolve));
	writeHostJson(runDir, {hostId, pid: child.pid ?? 0, agent: 'ghost', command: 'x', args: [], cwd: '/', started: new Date().toISOString(), protocol: 1});
	const exited = new Promise(resolve => child.once('exit', resolve));
	child.kill('SIGKILL');
	await exited;
	assert.equal(await connectNamedHost('ghost', {kind: 'cli'}, env), undefined);
	assert.ok(existsSync(runDir), 'the fast path never cleans up; resolveHost does');
	// The fallback reports it as unknown (dead hosts are not candidates) and removes it.
	await assert.rejects(openHost('ghost', testIo(), {name: 'x'}), /no host matches "ghost"/);
	assert.equal(existsSync(runDir), false);
});

test('a stopped host times out as hung; a protocol mismatch is that host\'s answer', async () => {
	const host = await spawnFake('frozen');
	process.kill(host.pid, 'SIGSTOP');
	try {
		const named = await connectNamedHost('frozen', {kind: 'cli', timeoutMs: 300}, env);
		assert.ok(named && 'error' in named);
		assert.equal(named.listing.state, 'hung');
		assert.equal(named.error.reason, 'timeout');
		assert.ok(existsSync(host.socketPath), 'a hung socket is kept');
	} finally {
		process.kill(host.pid, 'SIGCONT');
	}

	const {runDir, socketPath} = createRunDir(ensureRuntimeRoot(env), {hostname: 'box', project: 'p', agent: 'future', epoch: 2000});
	const server = net.createServer(socket => {
		socket.once('data', data => {
			const request = JSON.parse(String(data).split('\n')[0] ?? '{}') as {id?: number};
			socket.write(`${JSON.stringify({jsonrpc: '2.0', id: request.id, error: {code: errorCodes.protocolMismatch, message: 'protocol mismatch: host speaks 99'}})}\n`);
		});
	});
	await new Promise<void>(resolve => server.listen(socketPath, resolve));
	try {
		const named = await connectNamedHost('future', {kind: 'cli'}, env);
		assert.ok(named && 'error' in named);
		assert.equal(named.listing.state, 'live');
		assert.equal(named.error.reason, 'protocol');
		await assert.rejects(openHost('future', testIo(), {name: 'x'}), /cannot connect to host .*future.*protocol mismatch/);
	} finally {
		server.close();
		rmSync(runDir, {recursive: true, force: true});
	}
});
