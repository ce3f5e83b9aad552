/**
The host against a released agent nobody here wrote: `@zed-industries/codex-acp@0.16.0` (a native binary), run
offline against the local stub model server (test/helpers/stub-model-server.ts) with a temp HOME and CODEX_HOME.
What codex does on the wire (docs/agent-quirks.md): permission before tool_call, UUID string JSON-RPC ids,
a rejected permission ends the turn `cancelled`, it ignores stdin EOF, UUIDv7 session ids, `session/load`.
Never skipped: a missing binary fails `before` with a message saying how to install it. The CLI path (configured
agent, `send --wait`, `kill`) is in test/e2e/cli-codex.test.ts.
*/
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {readLogFile} from '../../source/log/session-log-reader.js';
import {codexAgent, type CodexSetup} from '../helpers/codex-agent.js';
import {pidAlive, waitFor} from '../helpers/cli-harness.js';
import {childrenOf} from '../helpers/proc-tree.js';
import {agentText, isSessionUpdate, renderedLogs, startHost, toolCallEntries, transcriptEntries, type HostHarness} from '../helpers/host-harness.js';
import {startStubModelServer, type StubModelServer} from '../helpers/stub-model-server.js';

const uuidV7 = /^[\da-f]{8}-[\da-f]{4}-7[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

type PermissionEvent = {kind: 'transcript'; sessionId: string; seq: number; action: {type: 'permission-request'; requestId: string; toolCall: {toolCallId: string}; options: Array<{optionId: string; kind: string}>}};

describe('codex-acp under a host (in process)', () => {
	let stub: StubModelServer;
	let root: string;
	let codex: CodexSetup;
	let harness: HostHarness;

	before(async () => {
		stub = await startStubModelServer();
		root = mkdtempSync(join(tmpdir(), 'agents-codex-'));
		codex = codexAgent(root, stub.baseUrl);
		harness = await startHost(codex.agent);
	});
	after(async () => {
		await harness?.dispose();
		await stub?.close();
		if (root) rmSync(root, {recursive: true, force: true});
	});

	/** Prompt and wait for codex's permission request of that turn. */
	async function promptForPermission(sessionId: string, text: string): Promise<{mark: number; request: PermissionEvent['action']}> {
		const mark = harness.events.length;
		await harness.host.prompt(sessionId, text, 'test');
		const event = await harness.waitFor(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === sessionId && e.action.type === 'permission-request');
		return {mark, request: (event as unknown as PermissionEvent).action};
	}

	test('two sessions on ONE codex process; streamed answers land in the transcript and the JSONL log', async () => {
		const {host} = harness;
		assert.equal(host.status().agent.agentInfo?.name, 'codex-acp');
		assert.equal(host.status().agent.agentInfo?.version, '0.16.0');
		const pid = host.agentPid;
		assert.ok(pid);
		assert.deepEqual(childrenOf(process.pid).filter(child => child === pid), [pid], 'the agent is our direct child, not a wrapper');
		assert.match(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), /codex-acp/);

		const a = await host.newSession({});
		const b = await host.newSession({});
		assert.match(a.id, uuidV7);
		assert.match(b.id, uuidV7);
		assert.notEqual(a.id, b.id);

		const mark = harness.events.length;
		await host.prompt(a.id, 'hello from pane A', 'test');
		await host.prompt(b.id, 'hello from pane B', 'test');
		assert.equal(host.status().activePrompts, 2);
		assert.equal(await harness.turnEnd(a.id, mark), 'end_turn');
		assert.equal(await harness.turnEnd(b.id, mark), 'end_turn');
		assert.match(agentText(host, a.id), /stub says: hello from pane A/);
		assert.doesNotMatch(agentText(host, a.id), /pane B/);
		assert.match(agentText(host, b.id), /stub says: hello from pane B/);
		assert.equal(host.agentPid, pid, 'both sessions ran on the same agent process');
		assert.deepEqual(childrenOf(pid), [], 'codex keeps its sessions inside the one process (no child per session)');
		assert.equal(host.status().phase, 'idle');
		assert.ok(stub.requests.some(r => r.lastUserText.includes('hello from pane A')), 'codex called the model for A');
		assert.ok(stub.requests.some(r => r.lastUserText.includes('hello from pane B')), 'codex called the model for B');

		// The reply arrived as several chunks (streamed), and the log has every one of them, in order.
		const chunks = harness.events.filter(e => isSessionUpdate(e, a.id, 'agent_message_chunk', mark));
		assert.ok(chunks.length >= 3, `streamed in chunks (got ${chunks.length})`);
		const {records, stats} = await readLogFile(a.logPath!);
		assert.equal(stats.skippedCorrupt + stats.skippedPartial, 0);
		assert.deepEqual(records.map(r => r.seq), records.map((_, i) => records[0]!.seq + i));
		assert.deepEqual(records.map(r => r.type).filter(t => t !== 'update'), ['session-start', 'prompt', 'turn-end']);
		const logged = records.filter(r => r.type === 'update').map(r => (r as {update: {sessionUpdate: string; content?: {text?: string}}}).update);
		const seen = harness.events.filter(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === a.id && e.action.type === 'update')
			.map(e => (e as {action: {update: unknown}}).action.update);
		assert.deepEqual(logged, seen);
		assert.match(logged.filter(u => u.sessionUpdate === 'agent_message_chunk').map(u => u.content?.text ?? '').join(''), /stub says: hello from pane A/);
	});

	test('permission before tool_call: allowed, the command runs and the tool call is ONE entry', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		const {mark, request} = await promptForPermission(s.id, 'please run: touch allowed-by-test.txt');
		const callId = request.toolCall.toolCallId;
		// codex's order (agent-quirks §1.1): nothing announced the tool call before the request.
		assert.equal(harness.events.some(e => isSessionUpdate(e, s.id, 'tool_call', mark)), false);
		assert.equal(host.status().phase, 'waiting');
		assert.equal(host.status().pendingPermissions, 1);
		assert.equal(toolCallEntries(harness, s.id, callId).length, 1, 'the request alone shows the tool call');
		const allow = request.options.find(option => option.kind === 'allow_once');
		const reject = request.options.find(option => option.kind === 'reject_once');
		assert.ok(allow && reject, JSON.stringify(request.options));
		assert.equal(host.answerPermission(s.id, request.requestId, allow.optionId, 'client-1').accepted, true);

		assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
		assert.ok(existsSync(join(harness.cwd, 'allowed-by-test.txt')), 'codex ran the approved command in the session cwd');
		assert.ok(harness.events.some(e => isSessionUpdate(e, s.id, 'tool_call', mark)), 'codex announced the tool call after the answer');
		const calls = toolCallEntries(harness, s.id, callId);
		assert.equal(calls.length, 1, 'permission-then-tool_call is one entry');
		assert.equal(calls[0]!.status, 'completed');
		assert.match(calls[0]!.title, /touch allowed-by-test\.txt/);
		assert.deepEqual(calls[0]!.permission?.resolution, {outcome: {outcome: 'selected', optionId: allow.optionId}, by: 'client-1'});
		assert.ok(stub.requests.some(r => r.toolOutput?.callId === callId), 'the command result went back to the model');
		assert.match(agentText(host, s.id), /tool finished: .*exited with code 0/);
		assert.equal(host.status().pendingPermissions, 0);

		const {records} = await readLogFile(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.logPath!);
		assert.deepEqual(records.map(r => r.type).filter(t => t !== 'update'), ['session-start', 'prompt', 'permission-request', 'permission-outcome', 'turn-end']);
	});

	test('permission rejected: codex aborts the turn (stopReason cancelled), the command never runs', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		const {mark, request} = await promptForPermission(s.id, 'please run: touch rejected-by-test.txt');
		const reject = request.options.find(option => option.kind === 'reject_once')!;
		assert.equal(host.answerPermission(s.id, request.requestId, reject.optionId, 'client-2').accepted, true);
		assert.equal(await harness.turnEnd(s.id, mark), 'cancelled');
		assert.equal(existsSync(join(harness.cwd, 'rejected-by-test.txt')), false);
		const calls = toolCallEntries(harness, s.id, request.toolCall.toolCallId);
		assert.equal(calls.length, 1);
		assert.deepEqual(calls[0]!.permission?.resolution, {outcome: {outcome: 'selected', optionId: reject.optionId}, by: 'client-2'});
		// codex sends no final update for it; the host shows the cancelled turn's tool call as finished (failed).
		assert.equal(calls[0]!.status, 'failed');
		assert.equal(stub.requests.some(r => r.toolOutput?.callId === request.toolCall.toolCallId), false, 'nothing ran, nothing was reported');
		assert.equal(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.state, 'idle');
		assert.equal(host.status().phase, 'idle');
	});

	test('cancel mid-stream ends the turn cancelled, codex hangs up on the model, and the next turn works', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		const mark = harness.events.length;
		await host.prompt(s.id, 'a slow answer please', 'test');
		await harness.waitFor(e => isSessionUpdate(e, s.id, 'agent_message_chunk', mark) && /tick/.test(JSON.stringify(e)));
		const abortedBefore = stub.aborted.length;
		await host.cancel(s.id);
		assert.equal(await harness.turnEnd(s.id, mark), 'cancelled');
		await waitFor('codex to close the model stream', () => stub.aborted.slice(abortedBefore).some(r => r.lastUserText.includes('a slow answer')));
		assert.equal(host.status().phase, 'idle');
		assert.equal(host.status().activePrompts, 0);

		const next = harness.events.length;
		await host.prompt(s.id, 'after the cancel', 'test');
		assert.equal(await harness.turnEnd(s.id, next), 'end_turn');
		assert.match(agentText(host, s.id), /stub says: after the cancel/);
	});

	test('cancel while codex waits for permission answers it cancelled and ends the turn', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		const {mark, request} = await promptForPermission(s.id, 'please run: touch never-made.txt');
		await host.cancel(s.id);
		assert.equal(await harness.turnEnd(s.id, mark), 'cancelled');
		assert.equal(host.status().pendingPermissions, 0);
		const [call] = toolCallEntries(harness, s.id, request.toolCall.toolCallId);
		assert.deepEqual(call?.permission?.resolution?.outcome, {outcome: 'cancelled'});
		assert.equal(call?.status, 'failed');
		assert.equal(existsSync(join(harness.cwd, 'never-made.txt')), false);
		await host.endSession(s.id);
		assert.equal(host.snapshot().sessions.some(x => x.info.id === s.id), false);
	});

	test('cancel while codex runs an approved command: the turn ends cancelled and the tool call is not left in progress', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		const {mark, request} = await promptForPermission(s.id, 'please run: sleep 39');
		host.answerPermission(s.id, request.requestId, request.options.find(option => option.kind === 'allow_once')!.optionId, 'test');
		await harness.waitFor(e => isSessionUpdate(e, s.id, 'tool_call', mark));
		assert.equal(toolCallEntries(harness, s.id, request.toolCall.toolCallId)[0]?.status, 'in_progress');
		await host.cancel(s.id);
		assert.equal(await harness.turnEnd(s.id, mark), 'cancelled');
		const calls = toolCallEntries(harness, s.id, request.toolCall.toolCallId);
		assert.equal(calls.length, 1);
		assert.equal(calls[0]!.status, 'failed', 'codex sent no final update; the host marks it (ACP: show as cancelled)');
		// Only what codex sent is logged; the host-made status is a view update.
		const {records} = await readLogFile(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.logPath!);
		assert.equal(records.some(r => r.type === 'update' && JSON.stringify(r).includes('"cancelled":true')), false);
	});

	test('restart after a crash: codex loads the session (session/load) and still knows the conversation', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		let mark = harness.events.length;
		await host.prompt(s.id, 'remember the word pineapple', 'test');
		assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
		const oldPid = host.agentPid!;
		mark = harness.events.length;
		process.kill(oldPid, 'SIGKILL');
		await harness.waitFor(e => e.seq > mark && e.kind === 'host' && e.host.phase === 'stopped');
		await host.restartAgent();
		assert.equal(host.status().phase, 'idle');
		assert.notEqual(host.agentPid, oldPid);
		const restored = transcriptEntries(harness, s.id);
		const divider = restored.at(-1);
		assert.equal(divider?.kind, 'history-divider');
		const replayed = /session\/load \((\d+) updates replayed\)/.exec((divider as {text: string}).text);
		assert.ok(replayed && Number(replayed[1]) > 0, `codex replayed the history and the host counted it: ${JSON.stringify(divider)}`);
		assert.equal(restored.filter(e => e.kind === 'prompt' && e.text === 'remember the word pineapple').length, 1, 'the replay is not appended twice');

		mark = harness.events.length;
		await host.prompt(s.id, 'which word?', 'test');
		assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
		const asked = stub.requests.findLast(r => r.lastUserText.includes('which word?'));
		assert.match(JSON.stringify(asked?.body), /remember the word pineapple/, 'codex sent the loaded history to the model');
	});

	test('a mode switch reaches codex: in full-access it runs the command without asking', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		await host.setMode(s.id, 'full-access');
		assert.equal(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.mode, 'full-access');
		const mark = harness.events.length;
		await host.prompt(s.id, 'please run: touch full-access.txt', 'test');
		assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
		assert.equal(harness.events.some(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === s.id && e.action.type === 'permission-request'), false);
		assert.ok(existsSync(join(harness.cwd, 'full-access.txt')));
		assert.equal(transcriptEntries(harness, s.id).filter(e => e.kind === 'tool-call').length, 1);
	});

	test('agents logs renders a codex session with its permission and tool call', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		const {mark, request} = await promptForPermission(s.id, 'please run: touch logged.txt');
		host.answerPermission(s.id, request.requestId, request.options.find(option => option.kind === 'allow_once')!.optionId, 'tui-9');
		assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
		const {code, out, err} = await renderedLogs(harness, s.id);
		assert.equal(code, 0, err);
		assert.match(out, /codex/);
		assert.match(out, /please run: touch logged\.txt/);
		assert.match(out, /touch logged\.txt/);
		assert.match(out, /tui-9/);
		assert.match(out, /end_turn/);
		assert.match(out, /tool finished/);
	});

	test('host shutdown stops codex (which ignores stdin EOF) and the command it was running', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		const {mark, request} = await promptForPermission(s.id, 'please run: sleep 41');
		host.answerPermission(s.id, request.requestId, request.options.find(option => option.kind === 'allow_once')!.optionId, 'test');
		await harness.waitFor(e => isSessionUpdate(e, s.id, 'tool_call', mark));
		const pid = host.agentPid!;
		const sleeper = await waitFor('codex to start sleep', () => childrenOf(pid).find(child => /sleep 41/.test(readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' '))));
		await host.shutdown('test stop');
		assert.ok(harness.logLines.includes(`agent ${pid} stopped: killed by SIGTERM`), 'stopped by SIGTERM, not by the SIGKILL fallback');
		await waitFor('codex to be gone', () => !pidAlive(pid), 3000);
		await waitFor('its command to be gone', () => !pidAlive(sleeper), 3000);
		assert.equal(host.status().phase, 'stopped');
		assert.equal(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.state, 'interrupted');
	});
});
