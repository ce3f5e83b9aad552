import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, readFileSync, rmSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {listHosts, probeHost, resolveHost, ResolveError} from '../../source/ipc/discovery.js';
import {connectToHost} from '../../source/ipc/host-client.js';
import {createRunDir} from '../../source/ipc/host-id.js';
import {writeHostJson} from '../../source/ipc/host-json.js';
import {ensureRuntimeRoot} from '../../source/ipc/runtime-root.js';
import {fakeHostKit, waitFor} from '../helpers/ipc-test-kit.js';

const {base, env, project, spawnFake} = fakeHostKit('agents-ipc-disc-', 'my-project');

/** A run dir whose owner died with SIGKILL: the socket file stays, connect is refused, the pid is gone. */
async function deadRunDir(agent: string): Promise<string> {
	const {runDir, socketPath, hostId} = createRunDir(ensureRuntimeRoot(env), {hostname: 'box', project: 'old', agent, epoch: 1000});
	const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('up'))`], {stdio: ['ignore', 'pipe', 'inherit']});
	await new Promise(resolve => child.stdout.once('data', resolve));
	writeHostJson(runDir, {hostId, pid: child.pid ?? 0, agent, command: 'x', args: [], cwd: '/', started: new Date().toISOString(), protocol: 1});
	const exited = new Promise(resolve => child.once('exit', resolve));
	child.kill('SIGKILL');
	await exited;
	assert.ok(existsSync(socketPath), 'stale socket file left behind');
	return runDir;
}

test('spawned host: detached in its own session, logs to a private file, probes live, resolves by part', async () => {
	const host = await spawnFake('alpha', ['--sessions', '2']);
	assert.match(host.hostId, /^[\w-]+\.my-project\.alpha\.\d+$/);
	assert.equal(host.socketPath, join(env.AGENTS_TMPDIR, host.hostId, 'sock'));
	const fields = readFileSync(`/proc/${host.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
	assert.equal(Number(fields[2]), host.pid, 'own process group');
	assert.equal(Number(fields[3]), host.pid, 'own session');
	const logPath = join(env.AGENTS_STATE_DIR, 'hosts', `${host.hostId}.log`);
	await waitFor(() => existsSync(logPath) && readFileSync(logPath, 'utf8').includes('ready'), 'host log');
	assert.equal(statSync(logPath).mode & 0o777, 0o600);
	assert.equal(statSync(join(env.AGENTS_STATE_DIR, 'hosts')).mode & 0o777, 0o700);

	const listing = await probeHost(host.runDir);
	assert.equal(listing.state, 'live');
	assert.equal(listing.sessions, 2);
	assert.equal(listing.status?.hostId, host.hostId);
	assert.equal(listing.info?.pid, host.pid);
	assert.equal((await resolveHost('alpha', {env})).hostId, host.hostId);
	assert.equal((await resolveHost(host.hostId.slice(0, -3), {env})).hostId, host.hostId);

	const client = await connectToHost(host.socketPath, {kind: 'cli'});
	await client.kill();
	await waitFor(() => !existsSync(host.runDir), 'host removed its run dir after kill', 10_000);
});

test('a dead run dir (pid dead, socket refusing) is reported dead and cleaned; ls still lists it', async () => {
	const runDir = await deadRunDir('gone');
	assert.equal((await probeHost(runDir)).state, 'dead');
	assert.ok(existsSync(runDir), 'probe alone never deletes');
	const listings = await listHosts({env});
	const dead = listings.find(listing => listing.runDir === runDir);
	assert.equal(dead?.state, 'dead');
	assert.equal(existsSync(runDir), false);
});

test('cleanDead: false keeps a dead run dir; resolve skips dead hosts', async () => {
	const runDir = await deadRunDir('kept');
	const listings = await listHosts({env, cleanDead: false});
	assert.equal(listings.find(listing => listing.runDir === runDir)?.state, 'dead');
	assert.ok(existsSync(runDir));
	await assert.rejects(resolveHost('kept', {env}), (error: unknown) => error instanceof ResolveError && /no host matches "kept"/.test(error.message));
	rmSync(runDir, {recursive: true, force: true});
});

test('a SIGSTOPped host is hung, never unlinked; it is live again after SIGCONT', async () => {
	const host = await spawnFake('frozen');
	process.kill(host.pid, 'SIGSTOP');
	try {
		const listing = await probeHost(host.runDir, 300);
		assert.equal(listing.state, 'hung');
		const listings = await listHosts({env, timeoutMs: 300});
		assert.equal(listings.find(item => item.hostId === host.hostId)?.state, 'hung');
		assert.ok(existsSync(host.socketPath), 'hung socket kept');
	} finally {
		process.kill(host.pid, 'SIGCONT');
	}

	assert.equal((await probeHost(host.runDir, 3000)).state, 'live');
	process.kill(host.pid, 'SIGTERM');
});

test('spawn failures: the host reports an error, or exits early; the run dir is removed', async () => {
	await assert.rejects(spawnFake('broken', ['--fail', 'agent binary not found: nope']), /agent binary not found: nope/);
	await assert.rejects(spawnFake('quitter', ['--exit']), /exited before it was ready \(exit code 7\)/);
	const root = env.AGENTS_TMPDIR;
	const leftovers = (await listHosts({env, cleanDead: false})).filter(listing => /broken|quitter/.test(listing.hostId));
	assert.deepEqual(leftovers, [], `leftover run dirs in ${root}`);
});
