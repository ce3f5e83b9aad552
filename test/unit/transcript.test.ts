import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {TranscriptAction, TranscriptEntry, TranscriptState} from '../../source/model/types.js';
import {emptyTranscript, lastLine, reduceTranscript, textOfContent, TranscriptStore} from '../../source/model/transcript.js';
import {claudeToolCall, codexOptions, codexToolCall, geminiToolCall, nextTs, prompt, say, think, turnEnd, update} from '../helpers/transcript-fixtures.js';

function run(actions: readonly TranscriptAction[], initial: TranscriptState = emptyTranscript()): TranscriptState {
	return actions.reduce(reduceTranscript, initial);
}

type ToolCallEntry = Extract<TranscriptEntry, {kind: 'tool-call'}>;

function toolCalls(state: TranscriptState): ToolCallEntry[] {
	return state.entries.filter((entry): entry is ToolCallEntry => entry.kind === 'tool-call');
}

test('agent chunks merge into one entry; a thought or tool call in between starts a new one', () => {
	const first = say('Hel');
	const state = run([first, say('lo'), say(' world'), think('hmm'), think('…'), say('again')]);
	assert.deepEqual(state.entries.map(entry => [entry.index, entry.kind, 'text' in entry ? entry.text : '']), [
		[0, 'agent-text', 'Hello world'],
		[1, 'thought', 'hmm…'],
		[2, 'agent-text', 'again'],
	]);
	assert.equal(state.nextIndex, 3);
	// The merged entry keeps the time it was created at.
	assert.equal(state.entries[0]?.ts, first.ts);
});

test('a new messageId starts a new entry; absent and null messageIds merge with each other', () => {
	const state = run([say('a', 'm1'), say('b', 'm1'), say('c', 'm2'), say('d'), say('e', null), say('f', 'm2')]);
	assert.deepEqual(state.entries.map(entry => entry.kind === 'agent-text' ? [entry.text, entry.messageId] : []), [
		['ab', 'm1'],
		['c', 'm2'],
		['de', undefined],
		['f', 'm2'],
	]);
	assert.equal('messageId' in state.entries[2]!, false);
});

test('non-text blocks become text markers', () => {
	assert.equal(textOfContent({type: 'image', data: 'AAAA', mimeType: 'image/png'}), '[image image/png]');
	assert.equal(textOfContent({type: 'audio', data: 'AAAA', mimeType: 'audio/wav'}), '[audio audio/wav]');
	assert.equal(textOfContent({type: 'resource_link', uri: 'file:///w/a.ts', name: 'a.ts'}), '[a.ts](file:///w/a.ts)');
	assert.equal(textOfContent({type: 'resource', resource: {uri: 'file:///w/b.md', text: '# B'}}), '[resource file:///w/b.md]\n# B');
	assert.equal(textOfContent({type: 'future_block', x: 1} as never), '[future_block]');
	const state = run([say('see '), update({sessionUpdate: 'agent_message_chunk', content: {type: 'image', data: 'AAAA', mimeType: 'image/png'}})]);
	assert.equal(state.entries.length, 1);
	assert.equal((state.entries[0] as {text: string}).text, 'see [image image/png]');
});

test('user_message_chunk (session/load replay) builds replayed prompt entries, merged the same way', () => {
	const user = (text: string, messageId?: string) => update({sessionUpdate: 'user_message_chunk', content: {type: 'text', text}, ...(messageId ? {messageId} : {})}, true);
	const state = run([user('fix '), user('the bug'), say('ok'), user('thanks', 'u2'), user('!', 'u2'), prompt('live'), user('echo')]);
	assert.deepEqual(state.entries.map(entry => entry.kind === 'prompt' ? [entry.text, entry.replayed ?? false] : [entry.kind]), [
		['fix the bug', true],
		['agent-text'],
		['thanks!', true],
		['live', false],
		// A replayed chunk never merges into a live prompt.
		['echo', true],
	]);
});

test('codex: permission before tool_call, string (UUID) request id: one entry, upserted', () => {
	const requestId = '019a8f2e-7c1d-7b40-9a55-3f0c2d1e4b6a';
	const actions = codexToolCall('call_Xy12', requestId);
	const afterRequest = run(actions.slice(0, 1));
	const [pending] = toolCalls(afterRequest);
	assert.equal(pending?.title, 'Run ls -la');
	assert.equal(pending?.status, 'pending');
	assert.deepEqual(pending?.permission, {requestId, options: codexOptions});

	const state = run(actions);
	const calls = toolCalls(state);
	assert.equal(calls.length, 1);
	const [call] = calls;
	assert.equal(call?.index, 0);
	assert.equal(call?.title, 'ls -la');
	assert.equal(call?.status, 'completed');
	assert.equal(call?.toolKind, 'execute');
	assert.deepEqual(call?.rawInput, {command: ['ls', '-la'], cwd: '/w'});
	assert.deepEqual(call?.rawOutput, {exit_code: 0});
	assert.deepEqual(call?.permission?.resolution, {outcome: {outcome: 'selected', optionId: 'approved'}, by: 'tui-1'});
	assert.equal(call?.content.length, 1);
});

test('gemini: no tool_call at all, permission then a final tool_call_update', () => {
	const state = run([prompt('write it'), ...geminiToolCall('run_shell_command-1763762400', '7'), say('Done.'), turnEnd()]);
	assert.deepEqual(state.entries.map(entry => entry.kind), ['prompt', 'tool-call', 'agent-text', 'turn-end']);
	const [call] = toolCalls(state);
	assert.equal(call?.status, 'completed');
	assert.equal(call?.title, 'echo hi > out.txt');
	assert.equal(call?.permission?.requestId, '7');
	assert.deepEqual(call?.permission?.resolution?.outcome, {outcome: 'selected', optionId: 'proceed_once'});
});

test('a tool_call_update for an unknown id creates the entry with defaults', () => {
	const state = run([update({sessionUpdate: 'tool_call_update', toolCallId: 'tc-9', title: '', status: 'in_progress'})]);
	const [call] = toolCalls(state);
	assert.deepEqual(
		{title: call?.title, toolKind: call?.toolKind, status: call?.status, content: call?.content, locations: call?.locations},
		{title: 'tc-9', toolKind: 'other', status: 'in_progress', content: [], locations: []},
	);
});

test('claude-code 0.16.2: a duplicated tool_call updates the entry ("Terminal", then the real command)', () => {
	const actions = claudeToolCall('toolu_01ABC');
	const afterFirst = run(actions.slice(0, 1));
	assert.equal(toolCalls(afterFirst)[0]?.title, 'Terminal');
	const state = run(actions);
	const calls = toolCalls(state);
	assert.equal(calls.length, 1);
	assert.equal(calls[0]?.title, '`npm test`');
	assert.deepEqual(calls[0]?.rawInput, {command: 'npm test', description: 'Run tests'});
	assert.equal(calls[0]?.status, 'completed');
	assert.equal(calls[0]?.rawOutput, 'ok');
});

test('tool call updates: content and locations replace the collection, absent or null fields keep their value', () => {
	const id = 'edit-1';
	const state = run([
		update({sessionUpdate: 'tool_call', toolCallId: id, title: 'Edit a.ts', kind: 'edit', status: 'pending', locations: [{path: '/w/a.ts', line: 3}], content: [{type: 'diff', path: '/w/a.ts', oldText: 'a', newText: 'b'}]}),
		update({sessionUpdate: 'tool_call_update', toolCallId: id, status: 'in_progress', title: null, kind: null, content: null}),
		update({sessionUpdate: 'tool_call_update', toolCallId: id, locations: [{path: '/w/b.ts'}, {path: '/w/c.ts'}]}),
	]);
	const [call] = toolCalls(state);
	assert.equal(call?.title, 'Edit a.ts');
	assert.equal(call?.toolKind, 'edit');
	assert.equal(call?.status, 'in_progress');
	assert.deepEqual(call?.content, [{type: 'diff', path: '/w/a.ts', oldText: 'a', newText: 'b'}]);
	assert.deepEqual(call?.locations, [{path: '/w/b.ts'}, {path: '/w/c.ts'}]);
	const cleared = reduceTranscript(state, update({sessionUpdate: 'tool_call_update', toolCallId: id, content: []}));
	assert.deepEqual(toolCalls(cleared)[0]?.content, []);
});

test('permission-resolved: first resolution wins, unknown request ids are a no-op', () => {
	const [request] = codexToolCall('call_1', 'r-1');
	const state = run([request!, {type: 'permission-resolved', ts: nextTs(), requestId: 'r-1', outcome: {outcome: 'cancelled'}, by: 'tui-2'}]);
	const again = reduceTranscript(state, {type: 'permission-resolved', ts: nextTs(), requestId: 'r-1', outcome: {outcome: 'selected', optionId: 'approved'}, by: 'tui-1'});
	assert.equal(again, state);
	assert.deepEqual(toolCalls(state)[0]?.permission?.resolution, {outcome: {outcome: 'cancelled'}, by: 'tui-2'});
	const unknown = reduceTranscript(state, {type: 'permission-resolved', ts: nextTs(), requestId: 'nope', outcome: {outcome: 'cancelled'}, by: 'x'});
	assert.equal(unknown, state);
});

test('interrupted resolves every unresolved permission as cancelled by the host, and keeps tool statuses', () => {
	const [first] = codexToolCall('call_1', '0');
	const [second, secondAnswer] = geminiToolCall('call_2', '1');
	const [third] = codexToolCall('call_3', 'abc');
	const state = run([prompt('go'), first!, second!, secondAnswer!, third!, {type: 'interrupted', ts: nextTs(), reason: 'agent exited (code 1)'}]);
	const calls = toolCalls(state);
	assert.deepEqual(calls.map(call => call.permission?.resolution), [
		{outcome: {outcome: 'cancelled'}, by: 'host'},
		{outcome: {outcome: 'selected', optionId: 'proceed_once'}, by: 'tui-2'},
		{outcome: {outcome: 'cancelled'}, by: 'host'},
	]);
	assert.deepEqual(calls.map(call => call.status), ['pending', 'pending', 'pending']);
	assert.deepEqual(state.entries.at(-1), {index: 4, ts: state.entries.at(-1)?.ts, kind: 'interrupted', reason: 'agent exited (code 1)'});
});

test('turn-end with cancelled is recorded without touching unfinished tool calls', () => {
	const state = run([prompt('go'), update({sessionUpdate: 'tool_call', toolCallId: 't', title: 'Run', status: 'in_progress'}), turnEnd('cancelled', 50)]);
	assert.equal(toolCalls(state)[0]?.status, 'in_progress');
	assert.deepEqual(state.entries.at(-1), {index: 2, ts: state.entries.at(-1)?.ts, kind: 'turn-end', stopReason: 'cancelled', ms: 50});
});

test('plan replaces the current turn\'s plan in place; a new turn gets a new plan entry', () => {
	const plan = (...statuses: Array<'pending' | 'in_progress' | 'completed'>) => update({
		sessionUpdate: 'plan',
		entries: statuses.map((status, i) => ({content: `step ${i}`, priority: 'medium', status})),
	});
	const first = run([prompt('one'), plan('pending', 'pending'), say('working')]);
	const planEntry = first.entries[1];
	const second = reduceTranscript(first, plan('completed', 'in_progress'));
	assert.equal(second.entries.length, 3);
	assert.notEqual(second.entries[1], planEntry);
	assert.equal(second.entries[1]?.index, 1);
	assert.equal(second.entries[1]?.ts, planEntry?.ts);
	const replaced = second.entries[1];
	assert.deepEqual(replaced?.kind === 'plan' ? replaced.entries.map(entry => entry.status) : [], ['completed', 'in_progress']);
	const third = run([turnEnd(), prompt('two'), plan('pending')], second);
	assert.deepEqual(third.entries.map(entry => entry.kind), ['prompt', 'plan', 'agent-text', 'turn-end', 'prompt', 'plan']);
});

test('unknown update kinds are kept verbatim as raw entries; notices become notice entries', () => {
	const compaction = {sessionUpdate: 'compaction_update', compactionId: 'c1', status: 'in_progress', _meta: {x: 1}};
	const malformed = {sessionUpdate: 'usage_update', used: 'lots'};
	const state = run([
		update(compaction),
		update({sessionUpdate: 'notice', severity: 'warning', title: 'Rate limited', description: 'retrying in 5 s'}),
		update(malformed),
		update({sessionUpdate: 'plan_update', plan: {}}),
	]);
	assert.deepEqual(state.entries.map(entry => entry.kind), ['raw', 'notice', 'raw', 'raw']);
	assert.deepEqual((state.entries[0] as {update: unknown}).update, compaction);
	assert.deepEqual((state.entries[2] as {update: unknown}).update, malformed);
	const notice = state.entries[1];
	assert.equal(notice?.kind, 'notice');
	assert.deepEqual(notice?.kind === 'notice' ? [notice.severity, notice.title, notice.description] : [], ['warning', 'Rate limited', 'retrying in 5 s']);
});

test('error, agent-stopped and history-divider become entries; ids of a stopped agent never catch new ones', () => {
	const state = run([
		prompt('go'),
		...codexToolCall('call_1', '0').slice(0, 1),
		{type: 'error', ts: nextTs(), message: 'Internal error'},
		{type: 'agent-stopped', ts: nextTs(), reason: 'exit code 1'},
		{type: 'history-divider', ts: nextTs(), text: 'restored: new session'},
		update({sessionUpdate: 'tool_call', toolCallId: 'call_1', title: 'New call', status: 'pending'}),
	]);
	assert.deepEqual(state.entries.map(entry => entry.kind), ['prompt', 'tool-call', 'error', 'agent-stopped', 'history-divider', 'tool-call']);
	const [old, fresh] = toolCalls(state);
	assert.equal(old?.title, 'Run ls -la');
	assert.deepEqual(old?.permission?.resolution, {outcome: {outcome: 'cancelled'}, by: 'host'});
	assert.equal(fresh?.title, 'New call');
});

test('reduceTranscript is pure and keeps the identity of unchanged entries', () => {
	const before = run([prompt('hi'), say('a'), update({sessionUpdate: 'tool_call', toolCallId: 't1', title: 'Read'}), say('b')]);
	const snapshot = structuredClone(before);
	const after = reduceTranscript(before, say('c'));
	assert.deepEqual(before, snapshot);
	assert.notEqual(after, before);
	assert.notEqual(after.entries, before.entries);
	for (let i = 0; i < 3; i++) {
		assert.equal(after.entries[i], before.entries[i]);
	}

	assert.notEqual(after.entries[3], before.entries[3]);
	assert.equal((after.entries[3] as {text: string}).text, 'bc');
	assert.equal(after.meta, before.meta);
	// An update of an older entry replaces only that entry.
	const updated = reduceTranscript(after, update({sessionUpdate: 'tool_call_update', toolCallId: 't1', status: 'completed'}));
	assert.deepEqual(updated.entries.map((entry, i) => entry === after.entries[i]), [true, true, false, true]);
	// Nothing changed: the very same state comes back.
	assert.equal(reduceTranscript(updated, update({sessionUpdate: 'session_info_update', updatedAt: '2026-11-21T22:00:00Z'})), updated);
});

test('the store reports changed indexes and pages history', () => {
	const store = new TranscriptStore();
	assert.deepEqual(store.apply(prompt('hi')), [0]);
	assert.deepEqual(store.apply(say('x')), [1]);
	assert.deepEqual(store.apply(say('y')), [1]);
	const [request] = codexToolCall('c1', 'r1');
	assert.deepEqual(store.apply(request!), [2]);
	assert.deepEqual(store.apply(update({sessionUpdate: 'usage_update', used: 10, size: 100})), []);
	assert.deepEqual(store.apply({type: 'interrupted', ts: nextTs(), reason: 'x'}), [2, 3]);
	assert.equal(store.entryAt(1)?.kind, 'agent-text');
	assert.equal(store.entryAt(9), undefined);
	assert.deepEqual(store.before(3, 2).map(entry => entry.index), [1, 2]);
	assert.deepEqual(store.before(1, 10).map(entry => entry.index), [0]);
	assert.deepEqual(store.before(0, 10), []);
	assert.equal(store.state.nextIndex, 4);
	assert.deepEqual(store.state.meta.usage, {used: 10, size: 100});
	// The state object is renewed on change, so consumers can compare it.
	const state = store.state;
	assert.equal(store.state, state);
	store.apply(say('z'));
	assert.notEqual(store.state, state);
});

test('lastLine is the last non-empty line of the latest agent text', () => {
	assert.equal(lastLine(emptyTranscript()), undefined);
	assert.equal(lastLine(run([say('first\nsecond  \n\n')])), 'second');
	assert.equal(lastLine(run([say('older'), think('thinking'), say('  \n')])), 'older');
	assert.equal(lastLine(run([prompt('question')])), undefined);
});

test('100k chunk appends on a big transcript stay one entry with all the text', () => {
	const store = new TranscriptStore();
	for (let i = 0; i < 5000; i++) {
		store.apply(i % 2 === 0 ? prompt(`q${i}`) : say(`a${i}`));
	}

	const ts = nextTs();
	const chunk: TranscriptAction = {type: 'update', ts, update: {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text: 'tok '}, messageId: 'big'}};
	const started = performance.now();
	for (let i = 0; i < 100_000; i++) {
		store.apply(chunk);
	}

	const elapsed = performance.now() - started;
	assert.equal(store.state.entries.length, 5001);
	const last = store.state.entries.at(-1);
	assert.equal(last?.kind === 'agent-text' ? last.text.length : 0, 400_000);
	assert.equal(lastLine(store.state), 'tok '.repeat(100_000).trim());
	// Linear, not quadratic: a per-chunk copy of 5,000 entries would take many seconds.
	assert.ok(elapsed < 5000, `100k appends took ${elapsed} ms`);
});
