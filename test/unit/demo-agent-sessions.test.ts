import assert from 'node:assert/strict';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import * as acp from '@agentclientprotocol/sdk';
import {parseDirectives} from '../../source/demo-agent/directives.js';
import {startDemoAgent, waitFor} from '../helpers/demo-agent-harness.js';

const root = mkdtempSync(join(tmpdir(), 'agents-demo-sessions-test-'));
const cwd = join(root, 'project');
mkdirSync(cwd);
after(() => rmSync(root, {recursive: true, force: true}));

test('directives parse anywhere in the text; !terminal takes the rest of its line', () => {
	const parsed = parseDirectives('please !chunks:3 then\n!terminal:echo a b  \n!delay:7 !max-tokens !stream:x done!');
	assert.deepEqual(parsed.steps, [{kind: 'chunks', count: 3}, {kind: 'terminal', command: 'echo a b'}, {kind: 'stream', kb: 8}]);
	assert.equal(parsed.delayMs, 7);
	assert.equal(parsed.maxTokens, true);
	assert.equal(parsed.error, false);
	assert.deepEqual(parseDirectives('no directives here, wow!').steps, []);
});

test('!crash exits 1 mid-turn after one chunk; session/load in a new process replays the history first', async () => {
	const stateDir = join(root, 'state');
	const first = startDemoAgent(stateDir);
	await first.initialize(false);
	const {sessionId} = await first.newSession(cwd);
	await first.prompt(sessionId, 'hello !quick');
	await first.agent.request(acp.methods.agent.session.setMode, {sessionId, modeId: 'plan'});
	// The default turn in plan mode: a read tool call, no edit, no terminal (the client has none).
	await first.prompt(sessionId, 'look around');
	const crashed = first.prompt(sessionId, 'now !crash').then(() => 'answered', (error: unknown) => error);
	assert.equal(await first.exited, 1);
	assert.match(String(await crashed), /ACP connection closed/);
	first.connection.close();
	assert.equal(first.textOf(sessionId).endsWith('About to crash.'), true);
	assert.ok(existsSync(join(stateDir, `${sessionId}.json`)));

	const second = startDemoAgent(stateDir);
	try {
		const init = await second.initialize(false);
		assert.equal(init.agentCapabilities?.loadSession, true);
		const loaded = await second.agent.request(acp.methods.agent.session.load, {sessionId, cwd, mcpServers: []});
		// Replay arrived before the response.
		const replayed = second.updatesOf(sessionId);
		assert.ok(replayed.length > 0);
		assert.equal(loaded.modes?.currentModeId, 'plan');
		assert.equal(loaded.configOptions?.[0]?.currentValue, 'demo-fast');
		assert.deepEqual(replayed.filter((update) => update.sessionUpdate === 'user_message_chunk').map((update) => 'content' in update && update.content.type === 'text' && update.content.text), ['hello !quick', 'look around', 'now !crash']);
		assert.equal(replayed[1]?.sessionUpdate, 'agent_message_chunk');
		assert.equal(second.textOf(sessionId).startsWith('ok: hello !quick'), true);
		const tool = replayed.find((update) => update.sessionUpdate === 'tool_call');
		assert.ok(tool && tool.sessionUpdate === 'tool_call' && tool.kind === 'read' && tool.status === 'completed');
		// The loaded session works and keeps growing its history.
		assert.equal((await second.prompt(sessionId, 'again !echo')).stopReason, 'end_turn');

		const listed = await second.agent.request(acp.methods.agent.session.list, {});
		assert.deepEqual(listed.sessions.map((session) => session.sessionId), [sessionId]);
		assert.equal(listed.sessions[0]?.title, 'hello !quick');
		assert.equal(listed.sessions[0]?.cwd, cwd);
		assert.deepEqual((await second.agent.request(acp.methods.agent.session.list, {cwd: '/elsewhere'})).sessions, []);
	} finally {
		await second.close();
	}

	// resume restores without replay; close forgets the session in this process.
	const third = startDemoAgent(stateDir);
	try {
		await third.initialize(false);
		const resumed = await third.agent.request(acp.methods.agent.session.resume, {sessionId, cwd, mcpServers: []});
		assert.equal(resumed.modes?.currentModeId, 'plan');
		assert.equal(third.updatesOf(sessionId).length, 0);
		assert.equal((await third.prompt(sessionId, '!quick')).stopReason, 'end_turn');
		await third.agent.request(acp.methods.agent.session.close, {sessionId});
		await assert.rejects(third.prompt(sessionId, '!quick'), {code: -32002});
		await assert.rejects(third.agent.request(acp.methods.agent.session.load, {sessionId: '../etc/passwd', cwd, mcpServers: []}), {code: -32002});
	} finally {
		await third.close();
	}
	assert.deepEqual(readdirSync(stateDir).filter((name) => name.endsWith('.tmp')), [], 'no temp files left behind');
});

test('the agent exits when its stdin closes, even with a turn running', async () => {
	const agent = startDemoAgent(join(root, 'state-exit'));
	await agent.initialize(false);
	const {sessionId} = await agent.newSession(cwd);
	const turn = agent.prompt(sessionId, '!stall').catch((error: unknown) => error);
	await waitFor(() => agent.updatesOf(sessionId, 'agent_message_chunk').length === 1);
	agent.child.stdin?.end();
	assert.equal(await agent.exited, 0);
	assert.ok((await turn) instanceof Error);
	agent.connection.close();
});
