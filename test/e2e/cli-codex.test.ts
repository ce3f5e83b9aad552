/**
codex-acp (`@zed-industries/codex-acp@0.16.0`, a released native agent) as users run it: configured with
`agents config set agents.codex …`, started with `agents -d -a codex`, prompted with `send --wait`, stopped with
`agents kill` — although codex keeps running after stdin EOF (docs/agent-quirks.md §1.7). Offline: the model is the
local stub (test/helpers/stub-model-server.ts). Never skipped: a missing binary fails with how to install it.
*/
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {spawnAgentProcess} from '../../source/acp/agent-process.js';
import {codexAgent} from '../helpers/codex-agent.js';
import {createCliSandbox, lsJson, pidAlive, waitFor, type CliSandbox} from '../helpers/cli-harness.js';
import {startStubModelServer, type StubModelServer} from '../helpers/stub-model-server.js';

test('codex-acp really keeps running after stdin EOF; the agent stop still ends it', async () => {
	const stub = await startStubModelServer();
	const root = mkdtempSync(join(tmpdir(), 'agents-codex-eof-'));
	try {
		const {agent} = codexAgent(root, stub.baseUrl);
		const child = await spawnAgentProcess({...agent, cwd: root}, () => undefined);
		child.stdin.end();
		const exitedEarly = await Promise.race([child.exited.then(() => true), new Promise<false>(resolve => setTimeout(() => resolve(false), 700))]);
		assert.equal(exitedEarly, false, 'codex exited on stdin EOF: the quirk this test documents is gone');
		const exit = await child.stop();
		assert.equal(exit.signal, 'SIGTERM');
		assert.equal(pidAlive(child.pid), false);
	} finally {
		await stub.close();
		rmSync(root, {recursive: true, force: true});
	}
});

describe('codex-acp through the CLI: configured agent, send --wait, kill', () => {
	let stub: StubModelServer;
	let sandbox: CliSandbox;

	before(async () => {
		stub = await startStubModelServer();
		sandbox = createCliSandbox('agents-cx-');
	});
	after(async () => {
		await sandbox?.cleanup();
		await stub?.close();
	});

	test('agents config set agents.codex → -d -a codex → send --wait → kill leaves no process', async () => {
		const {agent} = codexAgent(join(sandbox.base, 'codex'), stub.baseUrl);
		const definition = JSON.stringify({command: agent.command, args: agent.args, env: agent.env});
		const configured = await sandbox.run(['config', 'set', 'agents.codex', definition]);
		assert.equal(configured.code, 0, configured.stderr);
		const project = join(sandbox.base, 'codex', 'home');
		const started = await sandbox.run(['-d', '-a', 'codex', '--cwd', project]);
		assert.equal(started.code, 0, started.stderr);
		const hostId = started.stdout.trim();
		assert.match(hostId, /\.codex\.\d+$/);

		const sent = await sandbox.run(['send', hostId, '--wait', 'hello through the socket']);
		assert.equal(sent.code, 0, sent.stderr);
		assert.match(sent.stdout, /stub says: hello through the socket/);
		const [row] = await lsJson(sandbox);
		const agentPid = row?.agentPid;
		const hostPid = row?.pid;
		assert.ok(agentPid && hostPid, JSON.stringify(row));
		assert.equal(row.sessions, 1);
		assert.match(readFileSync(`/proc/${agentPid}/cmdline`, 'utf8'), /codex-acp/);

		const killed = await sandbox.run(['kill', hostId]);
		assert.equal(killed.code, 0, killed.stderr);
		await waitFor('codex to exit', () => !pidAlive(agentPid), 5000);
		await waitFor('the host to exit', () => !pidAlive(hostPid), 5000);
		assert.deepEqual(await lsJson(sandbox), []);
	});
});
