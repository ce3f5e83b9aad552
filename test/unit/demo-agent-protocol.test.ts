import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import * as acp from '@agentclientprotocol/sdk';
import {startDemoAgent, waitFor, type DemoAgentHarness} from '../helpers/demo-agent-harness.js';

const root = mkdtempSync(join(tmpdir(), 'agents-demo-agent-test-'));
const cwd = join(root, 'project');
let h: DemoAgentHarness;

before(async () => {
	const {mkdirSync} = await import('node:fs');
	mkdirSync(cwd);
	h = startDemoAgent(join(root, 'state'));
	await h.initialize(true);
});

after(async () => {
	await h.close();
	rmSync(root, {recursive: true, force: true});
});

type ToolUpdate = Extract<acp.SessionUpdate, {sessionUpdate: 'tool_call' | 'tool_call_update'}>;
const tools = (sessionId: string) => [...h.updatesOf(sessionId, 'tool_call'), ...h.updatesOf(sessionId, 'tool_call_update')] as ToolUpdate[];

test('initialize advertises load, close/resume/list and the agent info', async () => {
	const response = await h.initialize(true);
	assert.equal(response.protocolVersion, 1);
	assert.deepEqual(response.agentCapabilities, {loadSession: true, sessionCapabilities: {close: {}, resume: {}, list: {}}, promptCapabilities: {}});
	assert.equal(response.agentInfo?.name, 'agents-demo');
	assert.equal(response.agentInfo?.title, 'Demo agent (offline)');
	assert.deepEqual(response.authMethods, []);
});

test('two sessions run default turns at once, each routed by sessionId', async () => {
	const a = await h.newSession(cwd);
	const b = await h.newSession(cwd);
	assert.notEqual(a.sessionId, b.sessionId);
	assert.match(a.sessionId, /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[\da-f]{4}-[\da-f]{12}$/);
	assert.deepEqual(a.modes?.availableModes.map((mode) => mode.id), ['default', 'plan', 'yolo']);
	const model = a.configOptions?.find((option) => option.id === 'model');
	assert.equal(model?.category, 'model');
	assert.equal(model?.currentValue, 'demo-fast');
	h.setPolicy(b.sessionId, 'reject-once');
	const started = Date.now();
	const [ra, rb] = await Promise.all([h.prompt(a.sessionId, 'first session'), h.prompt(b.sessionId, 'second session')]);
	assert.ok(Date.now() - started < 5000, 'the default turn stays short');
	assert.equal(ra.stopReason, 'end_turn');
	assert.equal(rb.stopReason, 'end_turn');
	for (const sessionId of [a.sessionId, b.sessionId]) {
		assert.equal(h.updatesOf(sessionId, 'available_commands_update').length, 1);
		assert.ok(h.updatesOf(sessionId, 'agent_thought_chunk').length > 1, 'thoughts are streamed');
		assert.ok(h.updatesOf(sessionId, 'agent_message_chunk').length > 5, 'text is streamed in small chunks');
		const plans = h.updatesOf(sessionId, 'plan') as Array<Extract<acp.SessionUpdate, {sessionUpdate: 'plan'}>>;
		assert.ok(plans.length >= 3);
		assert.ok(plans.at(-1)?.entries.every((entry) => entry.status === 'completed'));
		const read = tools(sessionId).find((update) => update.sessionUpdate === 'tool_call' && update.kind === 'read');
		assert.ok(read?.locations?.[0]?.path.endsWith('README.md'));
		const terminal = tools(sessionId).find((update) => update.sessionUpdate === 'tool_call' && update.kind === 'execute');
		assert.equal(terminal?.content?.[0]?.type, 'terminal');
		assert.equal(h.updatesOf(sessionId, 'usage_update').length, 1);
		assert.deepEqual(h.updatesOf(sessionId, 'session_info_update').map((update) => 'title' in update && update.title), [sessionId === a.sessionId ? 'first session' : 'second session']);
	}
	const edit = (sessionId: string) => tools(sessionId).filter((update) => update.toolCallId === tools(sessionId).find((t) => t.kind === 'edit')?.toolCallId);
	assert.equal(edit(a.sessionId).at(-1)?.status, 'completed');
	assert.equal(edit(b.sessionId).at(-1)?.status, 'failed');
	assert.equal(edit(a.sessionId)[0]?.content?.[0]?.type, 'diff');
	assert.match(h.textOf(b.sessionId), /You rejected the edit/);
	assert.match(h.textOf(a.sessionId), /The check printed: hello from the demo agent/);
	assert.equal(h.calls.filter((call) => call.startsWith('session/request_permission')).length, 2);
	assert.equal(h.calls.filter((call) => call === 'terminal/release').length, 2);
});

test('set_mode and set_config_option answer and emit their updates; yolo skips permission', async () => {
	const {sessionId} = await h.newSession(cwd);
	await h.agent.request(acp.methods.agent.session.setMode, {sessionId, modeId: 'yolo'});
	await waitFor(() => h.updatesOf(sessionId, 'current_mode_update').length === 1);
	const response = await h.agent.request(acp.methods.agent.session.setConfigOption, {sessionId, configId: 'model', value: 'demo-smart'});
	assert.equal(response.configOptions[0]?.currentValue, 'demo-smart');
	await waitFor(() => h.updatesOf(sessionId, 'config_option_update').length === 1);
	await assert.rejects(h.agent.request(acp.methods.agent.session.setConfigOption, {sessionId, configId: 'model', value: 'gpt-9'}), {code: -32602});
	await assert.rejects(h.agent.request(acp.methods.agent.session.setMode, {sessionId, modeId: 'turbo'}), {code: -32602});
	h.setPolicy(sessionId, 'reject-once');
	const before = h.calls.length;
	assert.equal((await h.prompt(sessionId, 'edit without asking')).stopReason, 'end_turn');
	assert.equal(h.calls.slice(before).filter((call) => call.startsWith('session/request_permission')).length, 0);
	assert.match(h.textOf(sessionId), /Updated notes\.md/);
});

test('!quick, !echo, !chunks and !stream', async () => {
	const {sessionId} = await h.newSession(cwd);
	assert.equal((await h.prompt(sessionId, 'hi !quick')).stopReason, 'end_turn');
	assert.deepEqual(h.updatesOf(sessionId, 'agent_message_chunk').length, 1);
	assert.equal(h.textOf(sessionId), 'ok: hi !quick');
	assert.equal(tools(sessionId).length, 0);

	const echo = await h.newSession(cwd);
	await h.prompt(echo.sessionId, '!echo exactly this');
	assert.equal(h.textOf(echo.sessionId), '!echo exactly this');

	const chunks = await h.newSession(cwd);
	await h.prompt(chunks.sessionId, '!chunks:5');
	assert.deepEqual(h.updatesOf(chunks.sessionId, 'agent_message_chunk').length, 5);
	assert.equal(h.textOf(chunks.sessionId), 'chunk 1 chunk 2 chunk 3 chunk 4 chunk 5 ');

	const stream = await h.newSession(cwd);
	await h.prompt(stream.sessionId, '!stream:16');
	assert.equal(h.updatesOf(stream.sessionId, 'agent_message_chunk').length, 16);
	assert.equal(h.textOf(stream.sessionId).length, 16 * 1024);

	const sleep = await h.newSession(cwd);
	const sleepStart = Date.now();
	await h.prompt(sleep.sessionId, '!sleep:150');
	assert.ok(Date.now() - sleepStart >= 150);
	assert.equal(h.textOf(sleep.sessionId), 'Slept 150 ms.');

	const big = await h.newSession(cwd);
	await h.prompt(big.sessionId, '!big:100');
	assert.equal(h.updatesOf(big.sessionId, 'agent_message_chunk').length, 1);
	assert.equal(h.textOf(big.sessionId).length, 100 * 1024);
});

test('!permission reports the outcome; !permission-first asks before any tool_call; !no-tool-call sends only an update', async () => {
	const {sessionId} = await h.newSession(cwd);
	h.setPolicy(sessionId, 'reject-once');
	await h.prompt(sessionId, '!permission');
	assert.equal(h.textOf(sessionId), 'Permission refused: reject_once.');
	assert.equal(tools(sessionId).at(-1)?.status, 'failed');

	const first = await h.newSession(cwd);
	h.setPolicy(first.sessionId, 'allow-once');
	h.held.length = 0;
	h.setPolicy(first.sessionId, 'hold');
	const turn = h.prompt(first.sessionId, '!permission-first');
	await waitFor(() => h.held.length === 1, 5000, 'the permission request');
	assert.equal(tools(first.sessionId).length, 0, 'no tool_call before the permission request');
	h.held[0]?.resolve({outcome: {outcome: 'selected', optionId: 'allow-once'}});
	assert.equal((await turn).stopReason, 'end_turn');
	assert.equal(tools(first.sessionId)[0]?.sessionUpdate, 'tool_call');
	assert.equal(h.textOf(first.sessionId), 'Permission granted: allow_once.');

	const gemini = await h.newSession(cwd);
	await h.prompt(gemini.sessionId, '!no-tool-call');
	assert.deepEqual(tools(gemini.sessionId).map((update) => [update.sessionUpdate, update.status]), [['tool_call_update', 'completed']]);

	const dup = await h.newSession(cwd);
	await h.prompt(dup.sessionId, '!dup-tool-call');
	const calls = h.updatesOf(dup.sessionId, 'tool_call') as ToolUpdate[];
	assert.equal(calls.length, 2);
	assert.equal(calls[0]?.toolCallId, calls[1]?.toolCallId);
});

test('session/cancel ends a stalled turn and a turn waiting for permission as cancelled', async () => {
	const {sessionId} = await h.newSession(cwd);
	const stalled = h.prompt(sessionId, '!stall');
	await waitFor(() => h.updatesOf(sessionId, 'agent_message_chunk').length === 1);
	const cancelledAt = Date.now();
	await h.agent.notify(acp.methods.agent.session.cancel, {sessionId});
	assert.equal((await stalled).stopReason, 'cancelled');
	assert.ok(Date.now() - cancelledAt < 1000, 'cancel is prompt');

	const waiting = await h.newSession(cwd);
	h.held.length = 0;
	h.setPolicy(waiting.sessionId, 'hold');
	const turn = h.prompt(waiting.sessionId, 'default turn');
	await waitFor(() => h.held.length === 1, 5000, 'the permission request');
	await h.agent.notify(acp.methods.agent.session.cancel, {sessionId: waiting.sessionId});
	h.held[0]?.resolve({outcome: {outcome: 'cancelled'}});
	assert.equal((await turn).stopReason, 'cancelled');
	// The session takes prompts again afterwards.
	assert.equal((await h.prompt(waiting.sessionId, '!quick')).stopReason, 'end_turn');
});

test('!terminal, !tool-output, !fs-read, !fs-write go through the client', async () => {
	const {sessionId} = await h.newSession(cwd);
	await h.prompt(sessionId, '!terminal:echo one two; exit 3');
	assert.ok(h.calls.includes('terminal/create sh -c echo one two; exit 3'));
	assert.match(h.textOf(sessionId), /^Exit code 3\. Output:\none two\n$/);

	const file = join(cwd, 'input.txt');
	writeFileSync(file, 'file body');
	const fs = await h.newSession(cwd);
	await h.prompt(fs.sessionId, `!fs-read:${file} !fs-write:${join(cwd, 'out.txt')} !fs-read:${join(cwd, 'missing.txt')}`);
	const text = h.textOf(fs.sessionId);
	assert.match(text, /Read .*input\.txt \(9 chars\):\nfile body/);
	assert.match(text, /Wrote .*out\.txt\./);
	assert.match(text, /Reading .*missing\.txt failed: .*code -32002/);
	assert.equal(readFileSync(join(cwd, 'out.txt'), 'utf8'), 'written by the agents demo agent\n');

	const output = await h.newSession(cwd);
	await h.prompt(output.sessionId, '!tool-output:3');
	const done = tools(output.sessionId).at(-1);
	const content = done?.content?.[0];
	assert.ok(content?.type === 'content' && content.content.type === 'text');
	assert.equal(content.content.type === 'text' ? content.content.text.length : 0, 3 * 1024);
});

test('!error fails the prompt; !max-tokens; !garbage and !unknown-update leave the connection working', async () => {
	const {sessionId} = await h.newSession(cwd);
	await assert.rejects(h.prompt(sessionId, '!error'), {code: -32603});
	assert.equal((await h.prompt(sessionId, '!max-tokens')).stopReason, 'max_tokens');
	const garbage = await h.newSession(cwd);
	assert.equal((await h.prompt(garbage.sessionId, '!garbage !quick')).stopReason, 'end_turn');
	assert.equal(h.textOf(garbage.sessionId), 'ok: !garbage !quick');
	const unknown = await h.newSession(cwd);
	// The stable SDK client drops an unknown update kind and says so on console.error (DESIGN §4.7):
	// that message is the proof the agent sent it.
	const logged: unknown[] = [];
	const original = console.error;
	console.error = (...parts: unknown[]) => logged.push(parts[0]);
	try {
		assert.equal((await h.prompt(unknown.sessionId, '!unknown-update')).stopReason, 'end_turn');
	} finally {
		console.error = original;
	}
	assert.ok(logged.includes('Error handling notification'), 'the unknown update reached the client');
	assert.equal(h.textOf(unknown.sessionId), 'Sent an unknown update.');
	assert.equal((await h.prompt(unknown.sessionId, '!quick')).stopReason, 'end_turn');
	await assert.rejects(h.prompt('00000000-0000-4000-8000-000000000000', 'x'), {code: -32002});
});

test('slash commands: /help lists directives, /plan switches mode', async () => {
	const {sessionId} = await h.newSession(cwd);
	await h.prompt(sessionId, '/help');
	assert.match(h.textOf(sessionId), /!stream:N/);
	await h.prompt(sessionId, '/plan');
	assert.deepEqual(h.updatesOf(sessionId, 'current_mode_update').map((update) => 'currentModeId' in update && update.currentModeId), ['plan']);
	await h.prompt(sessionId, 'do it');
	assert.equal(tools(sessionId).some((update) => update.kind === 'edit'), false, 'plan mode does not edit');
});
