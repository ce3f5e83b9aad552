import assert from 'node:assert/strict';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {createHost} from '../../source/host/host.js';
import {HostError} from '../../source/model/types.js';
import {exampleAgent, startHost} from '../helpers/host-harness.js';

test('a missing agent command is one clear error naming the command', async () => {
	const lines: string[] = [];
	const host = createHost({
		hostId: 'test.proj.missing.1',
		cwd: tmpdir(),
		agent: {name: 'nope', command: 'agents-no-such-agent-xyz', args: ['--acp']},
		env: {...process.env, AGENTS_STATE_DIR: mkdtempSync(join(tmpdir(), 'agents-state-'))},
		log: line => lines.push(line),
	});
	await assert.rejects(host.start(), (error: HostError) =>
		error instanceof HostError && error.code === 'agent-missing' && error.message === 'agent command not found: agents-no-such-agent-xyz (is it installed and on PATH?)');
	assert.equal(host.status().phase, 'stopped');
	assert.match(host.status().agent.exitReason ?? '', /agents-no-such-agent-xyz/);
	await host.shutdown();
});

test('a cwd that does not exist is a clear error and opens nothing', async () => {
	const harness = await startHost(exampleAgent);
	try {
		await assert.rejects(harness.host.newSession({cwd: '/definitely/not/here'}), (error: HostError) =>
			error.code === 'bad-cwd' && error.message === 'directory does not exist: /definitely/not/here');
		assert.equal(harness.host.snapshot().sessions.length, 0);
		await assert.rejects(harness.host.prompt('no-such-session', 'hi'), (error: HostError) => error.code === 'unknown-session');
	} finally {
		await harness.dispose();
	}
});

test('shutdown stops the agent process group', async () => {
	const harness = await startHost(exampleAgent);
	const pid = harness.host.agentPid!;
	await harness.dispose();
	assert.throws(() => process.kill(pid, 0), /ESRCH/);
});
