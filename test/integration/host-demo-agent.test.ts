/**
The host against the built-in demo agent: the same core behaviours as with the example agent, plus what
only a scriptable agent can provoke (session/load after a crash, garbage on stdout, unknown update kinds,
terminals and fs through the host, big messages).
*/
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {readLogFile} from '../../source/log/session-log-reader.js';
import {agentText, permissionRequests, startHost, type HostHarness} from '../helpers/host-harness.js';

let harness: HostHarness;
before(async () => {
	harness = await startHost({name: 'demo', command: '', args: []}, {demo: true});
});
after(async () => {
	await harness.dispose();
});

test('two sessions on one demo agent, concurrent turns, allow and reject, phase back to idle', async () => {
	const {host} = harness;
	const pid = host.agentPid;
	const a = await host.newSession({});
	const b = await host.newSession({});
	const mark = harness.events.length;
	await host.prompt(a.id, '!permission first', 'test');
	await host.prompt(b.id, '!permission second', 'test');
	await harness.waitFor(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === a.id && e.action.type === 'permission-request');
	await harness.waitFor(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === b.id && e.action.type === 'permission-request');
	assert.equal(host.status().phase, 'waiting');
	const optionsOf = (sid: string) => host.snapshot().sessions.find(s => s.info.id === sid)!.info.pendingPermissions[0]!.options;
	const allow = optionsOf(a.id).find(o => o.kind === 'allow_once')!.optionId;
	const reject = optionsOf(b.id).find(o => o.kind === 'reject_once')!.optionId;
	host.answerPermission(a.id, permissionRequests(harness.events, a.id)[0]!, allow, 'tui-1');
	host.answerPermission(b.id, permissionRequests(harness.events, b.id)[0]!, reject, 'tui-2');
	assert.equal(await harness.turnEnd(a.id, mark), 'end_turn');
	assert.equal(await harness.turnEnd(b.id, mark), 'end_turn');
	assert.match(agentText(host, a.id), /allow/i);
	assert.match(agentText(host, b.id), /reject/i);
	assert.equal(host.agentPid, pid);
	assert.equal(host.status().phase, 'idle');
	// The title from session_info_update reaches the session info.
	assert.ok(host.snapshot().sessions.find(s => s.info.id === a.id)!.info.title);
});

test('garbage on stdout and unknown update kinds: the host carries on, the host log and the JSONL keep them', async () => {
	const {host} = harness;
	const s = await host.newSession({});
	const mark = harness.events.length;
	await host.prompt(s.id, '!garbage !unknown-update !quick', 'test');
	assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
	assert.ok(harness.logLines.some(line => line.startsWith('agent stdout (not JSON-RPC):')), 'garbage reached the host log');
	const entries = host.snapshot().sessions.find(x => x.info.id === s.id)!.transcript.entries;
	assert.ok(entries.some(e => e.kind === 'raw' && JSON.stringify(e.update).includes('demo_custom_update')), 'unknown kind kept as a raw entry');
	const {records} = await readLogFile(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.logPath!);
	assert.ok(records.some(r => r.type === 'update' && (r as {update: {sessionUpdate: string}}).update.sessionUpdate === 'demo_custom_update'));
	const mark2 = harness.events.length;
	await host.prompt(s.id, '!quick still alive', 'test');
	assert.equal(await harness.turnEnd(s.id, mark2), 'end_turn');
	assert.match(agentText(host, s.id), /ok: !quick still alive/);
});

test('terminal and fs calls are served by the host; live terminal output lands in the tool call', async () => {
	const {host} = harness;
	const s = await host.newSession({});
	const mark = harness.events.length;
	await host.prompt(s.id, '!terminal:echo hello-from-terminal\n!fs-read:/etc/hostname', 'test');
	assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
	const entries = host.snapshot({tail: 1000}).sessions.find(x => x.info.id === s.id)!.transcript.entries;
	const terminalCall = entries.find(e => e.kind === 'tool-call' && e.content.some(c => c.type === 'terminal'));
	assert.ok(terminalCall && terminalCall.kind === 'tool-call');
	assert.match(JSON.stringify(terminalCall.content), /hello-from-terminal/);
	assert.match(agentText(host, s.id), /outside the session's directory/);
});

test('a 10 MB message goes through; its log record lands in a side file', async () => {
	const {host} = harness;
	const s = await host.newSession({});
	const mark = harness.events.length;
	await host.prompt(s.id, '!big:10240', 'test');
	assert.equal(await harness.turnEnd(s.id, mark, ), 'end_turn');
	assert.ok(agentText(host, s.id).length >= 10 * 1024 * 1024);
	const {records} = await readLogFile(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.logPath!);
	const big = records.find(r => r.type === 'update' && JSON.stringify(r).length > 10_000_000);
	assert.ok(big, 'side file resolved back into the record');
});

test('agent crash mid-turn → stopped and interrupted; restart restores every session with session/load', async () => {
	const {host} = harness;
	const s = await host.newSession({});
	let mark = harness.events.length;
	await host.prompt(s.id, '!quick remember me', 'test');
	await harness.turnEnd(s.id, mark);
	mark = harness.events.length;
	await host.prompt(s.id, '!crash', 'test');
	await harness.waitFor(e => e.seq > mark && e.kind === 'host' && e.host.phase === 'stopped');
	assert.equal(host.status().activePrompts, 0);
	const before = host.snapshot({tail: 10_000}).sessions;
	assert.equal(before.find(x => x.info.id === s.id)!.info.state, 'interrupted');
	await new Promise(r => setTimeout(r, 200));
	assert.equal(host.status().phase, 'stopped');

	await host.restartAgent();
	const after = host.snapshot({tail: 10_000}).sessions;
	assert.equal(after.length, before.length);
	for (const session of after) {
		assert.equal(session.info.state, 'idle');
		assert.equal(session.info.agentSessionId, undefined, 'same agent session id after session/load');
		assert.match(JSON.stringify(session.transcript.entries.at(-1)), /session\/load/);
	}
	assert.equal(after.find(x => x.info.id === s.id)!.transcript.entries.filter(e => e.kind === 'prompt' && e.text === '!crash').length, 1, 'never re-sent');
	mark = harness.events.length;
	await host.prompt(s.id, '!quick back again', 'test');
	assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
});

test('modes and the model config option are set through the host and show in the session info', async () => {
	const {host} = harness;
	const s = await host.newSession({});
	assert.equal(s.mode, 'default');
	assert.equal(s.model, 'demo-fast');
	await host.setMode(s.id, 'plan');
	await host.setConfigOption(s.id, 'model', 'demo-smart');
	const info = host.snapshot().sessions.find(x => x.info.id === s.id)!.info;
	assert.equal(info.mode, 'plan');
	assert.equal(info.model, 'demo-smart');
	await assert.rejects(host.setMode(s.id, 'no-such-mode'));
});

test('MCP servers from config and from the session are merged by name, the session winning', async () => {
	const {mergeMcpServers} = await import('../../source/host/host-session.js');
	const configured = [{name: 'fs', command: 'mcp-fs', args: [], env: []}, {name: 'git', command: 'mcp-git', args: [], env: []}];
	const perSession = [{name: 'fs', command: 'my-fs', args: ['--ro'], env: []}];
	assert.deepEqual(mergeMcpServers(configured, perSession), [
		{name: 'fs', command: 'my-fs', args: ['--ro'], env: []},
		{name: 'git', command: 'mcp-git', args: [], env: []},
	]);
});

test('a refused tool call the agent never updates again (gemini) ends failed at turn end; an allowed one keeps its status', async () => {
	const {host} = harness;
	const s = await host.newSession({});
	const toolCall = () => host.snapshot({tail: 1000}).sessions.find(x => x.info.id === s.id)!.transcript.entries.findLast(e => e.kind === 'tool-call') as {status: string; toolCallId: string} | undefined;
	for (const kind of ['reject_once', 'allow_once'] as const) {
		const mark = harness.events.length;
		await host.prompt(s.id, '!no-tool-call', 'test');
		await harness.waitFor(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === s.id && e.action.type === 'permission-request');
		const pending = host.snapshot().sessions.find(x => x.info.id === s.id)!.info.pendingPermissions[0]!;
		host.answerPermission(s.id, pending.requestId, pending.options.find(o => o.kind === kind)!.optionId, 'test');
		assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
		// Refused: the demo agent, like gemini, sends nothing more for the call; the host marks it failed.
		assert.equal(toolCall()?.status, kind === 'reject_once' ? 'failed' : 'completed', kind);
	}
	const {records} = await readLogFile(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.logPath!);
	assert.equal(records.some(r => JSON.stringify(r).includes('"rejected":true')), false, 'the host-made status is not logged as if the agent sent it');
});
