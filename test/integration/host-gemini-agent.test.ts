/**
The host against a second released agent nobody here wrote: `@google/gemini-cli@0.61.0` (`gemini --acp`, run as the
preset runs it, so it relaunches itself as a child node process), offline against the Gemini route of the local stub
model server with a temp HOME and TMPDIR (test/helpers/gemini-agent.ts). What gemini does on the wire
(docs/agent-quirks.md): no `tool_call` ever — the permission request is the first we hear of a tool call and the
final `tool_call_update` the only update, none after a rejection; the refusal goes back to the model, which answers,
and the turn ends `end_turn`; UUIDv4 session ids; modes default/autoEdit/yolo/plan; it exits on stdin EOF.
One host and one gemini process serve the whole file (its start-up costs ~1.5–2.5 s). Never skipped: a missing
package fails `before` with a message saying how to install it.
*/
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readdirSync, renameSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {readLogFile} from '../../source/log/session-log-reader.js';
import type {TranscriptEntry} from '../../source/model/types.js';
import {pidAlive, waitFor} from '../helpers/cli-harness.js';
import {geminiAgent, geminiBundle, geminiVersion} from '../helpers/gemini-agent.js';
import {agentText, isSessionUpdate, sessionUpdates, startHost, toolCallEntries, transcriptEntries, type HostHarness} from '../helpers/host-harness.js';
import {childrenOf, commandLine, descendantsOf} from '../helpers/proc-tree.js';
import {startStubModelServer, type StubModelServer} from '../helpers/stub-model-server.js';

const uuidV4 = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

type PermissionAction = {type: 'permission-request'; requestId: string; toolCall: {toolCallId: string; status?: string; title?: string}; options: Array<{optionId: string; kind: string}>};

describe('gemini-cli --acp under a host (in process)', () => {
	let stub: StubModelServer;
	let root: string;
	let harness: HostHarness;
	let home: string;

	/** gemini's chat recording of a session (one file per session and start minute). */
	function chatFile(sessionId: string): string {
		const suffix = `-${sessionId.slice(0, 8)}.jsonl`;
		const projects = join(home, '.gemini', 'tmp');
		const found = readdirSync(projects).flatMap(project => {
			const chats = join(projects, project, 'chats');
			return existsSync(chats) ? readdirSync(chats).filter(name => name.endsWith(suffix)).map(name => join(chats, name)) : [];
		});
		assert.equal(found.length, 1, `one chat file for ${sessionId}: ${found.join(', ')}`);
		return found[0]!;
	}

	before(async () => {
		geminiBundle(); // A clear message, before anything starts, when the package is missing.
		stub = await startStubModelServer();
		root = mkdtempSync(join(tmpdir(), 'agents-gemini-'));
		const gemini = geminiAgent(root, stub.origin);
		home = gemini.home;
		harness = await startHost(gemini.agent);
	});
	after(async () => {
		await harness?.dispose();
		await stub?.close();
		if (root) rmSync(root, {recursive: true, force: true});
	});

	/** Prompt and wait for gemini's permission request of that turn. */
	async function promptForPermission(sessionId: string, text: string): Promise<{mark: number; request: PermissionAction}> {
		const mark = harness.events.length;
		await harness.host.prompt(sessionId, text, 'test');
		const event = await harness.waitFor(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === sessionId && e.action.type === 'permission-request');
		return {mark, request: (event as unknown as {action: PermissionAction}).action};
	}

	test('two sessions on ONE gemini process; streamed answers land in the transcript and the JSONL log', async () => {
		const {host} = harness;
		assert.equal(host.status().agent.agentInfo?.name, 'gemini-cli');
		assert.equal(host.status().agent.agentInfo?.version, geminiVersion);
		const pid = host.agentPid;
		assert.ok(pid);
		assert.deepEqual(childrenOf(process.pid).filter(child => child === pid), [pid], 'the agent is our direct child');
		assert.match(commandLine(pid), /gemini\.js --acp/);
		// Without GEMINI_CLI_NO_RELAUNCH gemini runs itself again as a child node process (agent-quirks §2).
		const relaunched = childrenOf(pid);
		assert.equal(relaunched.length, 1, `one relaunched child: ${relaunched.map(commandLine).join(' | ')}`);
		assert.match(commandLine(relaunched[0]!), /gemini\.js --acp/);

		const a = await host.newSession({});
		const b = await host.newSession({});
		assert.match(a.id, uuidV4);
		assert.match(b.id, uuidV4);
		assert.notEqual(a.id, b.id);
		const modes = host.snapshot().sessions.find(s => s.info.id === a.id)!.info;
		assert.equal(modes.mode, 'default');

		const mark = harness.events.length;
		const requestsBefore = stub.requests.length;
		await host.prompt(a.id, 'hello from pane A', 'test');
		await host.prompt(b.id, 'hello from pane B', 'test');
		assert.equal(host.status().activePrompts, 2);
		assert.equal(await harness.turnEnd(a.id, mark), 'end_turn');
		assert.equal(await harness.turnEnd(b.id, mark), 'end_turn');
		assert.match(agentText(host, a.id), /stub says: hello from pane A/);
		assert.doesNotMatch(agentText(host, a.id), /pane B/);
		assert.match(agentText(host, b.id), /stub says: hello from pane B/);
		assert.equal(host.agentPid, pid, 'both sessions ran on the same agent process');
		assert.deepEqual(childrenOf(pid), relaunched, 'gemini keeps its sessions inside the one process (no child per session)');
		assert.equal(host.status().phase, 'idle');
		// Each prompt was one streamed call of the configured model on the Gemini API, nothing else.
		const calls = stub.requests.slice(requestsBefore);
		assert.deepEqual(calls.map(r => `${r.api} ${r.model} ${r.path.split(':').at(-1)}`).toSorted(), ['gemini gemini-2.5-flash streamGenerateContent', 'gemini gemini-2.5-flash streamGenerateContent']);
		assert.deepEqual(calls.map(r => r.lastUserText).toSorted(), ['hello from pane A', 'hello from pane B']);
		assert.ok(calls[0]!.toolNames.includes('run_shell_command'), `gemini offered its shell tool: ${calls[0]!.toolNames.join(', ')}`);

		// The reply arrived as several chunks (streamed), and the log has every one of them, in order.
		assert.ok(sessionUpdates(harness, a.id, 'agent_message_chunk', mark).length >= 3, 'streamed in chunks');
		const {records, stats} = await readLogFile(a.logPath!);
		assert.equal(stats.skippedCorrupt + stats.skippedPartial, 0);
		assert.deepEqual(records.map(r => r.seq), records.map((_, i) => records[0]!.seq + i));
		assert.deepEqual(records.map(r => r.type).filter(t => t !== 'update'), ['session-start', 'prompt', 'turn-end']);
		const logged = records.filter(r => r.type === 'update').map(r => (r as {update: {sessionUpdate: string; content?: {text?: string}}}).update);
		const seen = harness.events.filter(e => e.kind === 'transcript' && e.sessionId === a.id && e.action.type === 'update')
			.map(e => (e as {action: {update: unknown}}).action.update);
		assert.deepEqual(logged, seen);
		assert.match(logged.filter(u => u.sessionUpdate === 'agent_message_chunk').map(u => u.content?.text ?? '').join(''), /stub says: hello from pane A/);
	});

	test('a shell command asks permission; allowed, it runs and is ONE tool-call entry although gemini never sends tool_call', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		const {mark, request} = await promptForPermission(s.id, 'please run: touch allowed-by-test.txt');
		const callId = request.toolCall.toolCallId;
		assert.match(callId, /^run_shell_command__call_/, 'gemini prefixes the model\'s call id with the tool name');
		assert.equal(request.toolCall.title, 'touch allowed-by-test.txt');
		assert.equal(host.status().phase, 'waiting');
		assert.equal(host.status().pendingPermissions, 1);
		assert.equal(toolCallEntries(harness, s.id, callId).length, 1, 'the request alone shows the tool call');
		assert.equal(toolCallEntries(harness, s.id, callId)[0]!.status, 'pending');
		const allow = request.options.find(option => option.kind === 'allow_once');
		assert.ok(allow && request.options.some(option => option.kind === 'reject_once'), JSON.stringify(request.options));
		assert.equal(host.answerPermission(s.id, request.requestId, allow.optionId, 'client-1').accepted, true);

		assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
		assert.ok(existsSync(join(harness.cwd, 'allowed-by-test.txt')), 'gemini ran the approved command in the session cwd');
		assert.deepEqual(sessionUpdates(harness, s.id, 'tool_call', mark), [], 'gemini never announces a tool call');
		assert.deepEqual(sessionUpdates(harness, s.id, 'tool_call_update', mark).map(u => [u['toolCallId'], u['status']]), [[callId, 'completed']]);
		const calls = toolCallEntries(harness, s.id);
		assert.equal(calls.length, 1, 'request + final update are one entry');
		assert.equal(calls[0]!.status, 'completed');
		assert.equal(calls[0]!.toolKind, 'execute');
		assert.deepEqual(calls[0]!.permission?.resolution, {outcome: {outcome: 'selected', optionId: allow.optionId}, by: 'client-1'});
		const result = stub.requests.find(r => r.toolOutput && callId.endsWith(`__${r.toolOutput.callId}`));
		assert.ok(result, 'the command result went back to the model');
		assert.match(agentText(host, s.id), /tool finished: /);
		assert.equal(host.status().pendingPermissions, 0);

		const {records} = await readLogFile(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.logPath!);
		assert.deepEqual(records.map(r => r.type).filter(t => t !== 'update'), ['session-start', 'prompt', 'permission-request', 'permission-outcome', 'turn-end']);
	});

	test('permission rejected: the command never runs, the model hears the refusal, and the tool call does not stay pending', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		const {mark, request} = await promptForPermission(s.id, 'please run: touch rejected-by-test.txt');
		const callId = request.toolCall.toolCallId;
		const reject = request.options.find(option => option.kind === 'reject_once')!;
		assert.equal(host.answerPermission(s.id, request.requestId, reject.optionId, 'client-2').accepted, true);
		// gemini feeds the refusal back to the model and ends the turn normally (agent-quirks §1.5).
		assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
		assert.equal(existsSync(join(harness.cwd, 'rejected-by-test.txt')), false);
		const refusal = stub.requests.find(r => r.toolOutput && callId.endsWith(`__${r.toolOutput.callId}`));
		assert.match(refusal?.toolOutput?.output ?? '', /canceled by the user/);
		assert.match(agentText(host, s.id), /tool finished: error: .*canceled by the user/);
		// Nothing from gemini about the call after the request…
		assert.deepEqual(sessionUpdates(harness, s.id, 'tool_call', mark), []);
		assert.deepEqual(sessionUpdates(harness, s.id, 'tool_call_update', mark).filter(u => u['_meta'] === undefined), []);
		// …so the host shows it finished (failed) at turn end instead of pending forever.
		const calls = toolCallEntries(harness, s.id, callId);
		assert.equal(calls.length, 1);
		assert.equal(calls[0]!.status, 'failed');
		assert.deepEqual(calls[0]!.permission?.resolution, {outcome: {outcome: 'selected', optionId: reject.optionId}, by: 'client-2'});
		assert.equal(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.state, 'idle');
		assert.equal(host.status().phase, 'idle');
		assert.equal(host.status().pendingPermissions, 0);
		// The log keeps only what gemini sent: the host-made status is a view update.
		const {records} = await readLogFile(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.logPath!);
		assert.equal(records.some(r => r.type === 'update' && JSON.stringify(r).includes('"rejected":true')), false);
		assert.deepEqual(records.map(r => r.type).filter(t => t !== 'update'), ['session-start', 'prompt', 'permission-request', 'permission-outcome', 'turn-end']);
	});

	test('cancel mid-stream ends the turn cancelled, gemini hangs up on the model, and the next turn works', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		const mark = harness.events.length;
		await host.prompt(s.id, 'a slow answer please', 'test');
		await harness.waitFor(e => isSessionUpdate(e, s.id, 'agent_message_chunk', mark) && /tick/.test(JSON.stringify(e)));
		const abortedBefore = stub.aborted.length;
		await host.cancel(s.id);
		assert.equal(await harness.turnEnd(s.id, mark), 'cancelled');
		await waitFor('gemini to close the model stream', () => stub.aborted.slice(abortedBefore).some(r => r.lastUserText === 'a slow answer please'));
		assert.equal(host.status().phase, 'idle');
		assert.equal(host.status().activePrompts, 0);

		const next = harness.events.length;
		await host.prompt(s.id, 'after the cancel', 'test');
		assert.equal(await harness.turnEnd(s.id, next), 'end_turn');
		assert.match(agentText(host, s.id), /stub says: after the cancel/);
		// gemini 0.61.0 drops a cancelled exchange from the chat history: the next request does not repeat it.
		const asked = stub.requests.findLast(r => r.lastUserText === 'after the cancel');
		assert.ok(asked);
		assert.doesNotMatch(JSON.stringify(asked.body), /a slow answer please/);
	});

	test('cancel while gemini waits for permission answers it cancelled; the tool call ends failed and never runs', async () => {
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
		assert.equal(host.status().phase, 'idle');
	});

	test('a mode switch reaches gemini: in yolo it runs the command without asking', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		await host.setMode(s.id, 'yolo');
		assert.equal(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.mode, 'yolo');
		const mark = harness.events.length;
		await host.prompt(s.id, 'please run: touch yolo.txt', 'test');
		assert.equal(await harness.turnEnd(s.id, mark), 'end_turn');
		assert.equal(harness.events.some(e => e.seq > mark && e.kind === 'transcript' && e.sessionId === s.id && e.action.type === 'permission-request'), false);
		assert.ok(existsSync(join(harness.cwd, 'yolo.txt')));
		const calls = toolCallEntries(harness, s.id);
		assert.equal(calls.length, 1, 'a final update alone creates the entry');
		assert.equal(calls[0]!.status, 'completed');
	});

	test('restart after the agent is killed: no orphan is left; a saved session is loaded, a lost one reopened fresh', async () => {
		const {host} = harness;
		// Only these two are restored (each restore costs gemini a session set-up): earlier tests' sessions are dropped.
		for (const earlier of host.snapshot().sessions) await host.endSession(earlier.info.id);
		const kept = await host.newSession({});
		const lost = await host.newSession({});
		let mark = harness.events.length;
		await host.prompt(kept.id, 'remember the word pineapple', 'test');
		await host.prompt(lost.id, 'remember the word banana', 'test');
		assert.equal(await harness.turnEnd(kept.id, mark), 'end_turn');
		assert.equal(await harness.turnEnd(lost.id, mark), 'end_turn');
		for (const more of ['and the word mango', 'and the word kiwi']) {
			mark = harness.events.length;
			await host.prompt(kept.id, more, 'test');
			assert.equal(await harness.turnEnd(kept.id, mark), 'end_turn');
		}
		const oldPid = host.agentPid!;
		const oldChildren = childrenOf(oldPid);
		assert.equal(oldChildren.length, 1);
		mark = harness.events.length;
		process.kill(oldPid, 'SIGKILL');
		await harness.waitFor(e => e.seq > mark && e.kind === 'host' && e.host.phase === 'stopped');
		// The relaunched child held the ACP pipes: left alive it would be an orphan gemini nobody talks to.
		await waitFor('the relaunched child to be gone', () => oldChildren.every(p => !pidAlive(p)), 3000);

		// gemini keeps each conversation in ~/.gemini/tmp/<project>/chats/session-<minute>-<id8>.jsonl. Its 0.61.0
		// session/load fails within the minute the session started (the new recording overwrites that file before it is
		// read), so the kept one is dated back, as a restart a few minutes later would find it; the lost one is deleted.
		const kept8 = chatFile(kept.id);
		renameSync(kept8, join(dirname(kept8), `session-2000-01-01T00-00-${kept.id.slice(0, 8)}.jsonl`));
		rmSync(chatFile(lost.id));

		await host.restartAgent();
		assert.equal(host.status().phase, 'idle');
		assert.notEqual(host.agentPid, oldPid);
		const keptDivider = transcriptEntries(harness, kept.id).at(-1) as {kind: string; text: string};
		assert.equal(keptDivider.kind, 'history-divider');
		assert.match(keptDivider.text, /session restored with session\/load \(\d+ updates replayed\)/);
		const lostDivider = transcriptEntries(harness, lost.id).at(-1) as {kind: string; text: string};
		assert.match(lostDivider.text, /could not load this session \(.*Invalid session identifier.*\): new agent session [\da-f-]{36}; the transcript above is history/s);

		mark = harness.events.length;
		await host.prompt(kept.id, 'which word?', 'test');
		await host.prompt(lost.id, 'which word now?', 'test');
		assert.equal(await harness.turnEnd(kept.id, mark), 'end_turn');
		assert.equal(await harness.turnEnd(lost.id, mark), 'end_turn', 'the reopened session takes prompts');
		// gemini answers session/load before its history replay is over; the late replay is not appended either.
		const keptEntries = transcriptEntries(harness, kept.id);
		assert.equal(keptEntries.filter(e => e.kind === 'prompt' && e.text === 'remember the word pineapple').length, 1, 'the replay is not appended twice');
		assert.equal(keptEntries.filter(e => e.kind === 'agent-text' && e.text.includes('pineapple')).length, 1, 'the replayed answer is not appended twice');
		assert.deepEqual(keptEntries.slice(keptEntries.indexOf(keptDivider as unknown as TranscriptEntry) + 1).map(e => e.kind).filter(kind => kind !== 'tool-call'), ['prompt', 'agent-text', 'turn-end']);
		const asked = stub.requests.findLast(r => r.lastUserText === 'which word?');
		assert.match(JSON.stringify(asked?.body), /remember the word pineapple/, 'gemini sent the loaded history to the model');
		const askedLost = stub.requests.findLast(r => r.lastUserText === 'which word now?');
		assert.doesNotMatch(JSON.stringify(askedLost?.body), /banana/, 'a fresh agent session');
	});

	test('host shutdown stops gemini, its relaunched child and the command it was running; no process is left', async () => {
		const {host} = harness;
		const s = await host.newSession({});
		const {mark, request} = await promptForPermission(s.id, 'please run: sleep 43');
		host.answerPermission(s.id, request.requestId, request.options.find(option => option.kind === 'allow_once')!.optionId, 'test');
		const pid = host.agentPid!;
		const sleeper = await waitFor('gemini to start sleep', () => descendantsOf(pid).find(child => /^sleep 43$/.test(commandLine(child))));
		const tree = [pid, ...descendantsOf(pid)];
		assert.ok(tree.length >= 3, `gemini, its relaunched child and the command: ${tree.map(commandLine).join(' | ')}`);
		await host.shutdown('test stop');
		assert.equal(host.status().phase, 'stopped');
		assert.equal(host.snapshot().sessions.find(x => x.info.id === s.id)!.info.state, 'interrupted');
		await waitFor('every process of the tree to be gone', () => tree.every(p => !pidAlive(p)), 3000);
		assert.equal(pidAlive(sleeper), false);
		assert.ok(harness.events.some(e => e.seq > mark && e.kind === 'host' && e.host.phase === 'stopped'));
		// The relaunching parent ignores SIGTERM and exits with its child's code once the child has gone (stdin EOF):
		// no SIGKILL fallback was needed.
		assert.ok(harness.logLines.includes(`agent ${pid} stopped: exited with code 0`), harness.logLines.filter(line => line.startsWith('agent ')).join('\n'));
	});
});
