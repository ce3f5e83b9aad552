import {test} from 'node:test';
import assert from 'node:assert/strict';
import {attentionFor, attentionSequence, sanitizeControl, titleSequence} from '../../source/ui/attention.js';
import {clockText, phaseSummary, stateMark, spinnerFrames} from '../../source/ui/phase-summary.js';
import type {SessionInfo} from '../../source/model/types.js';

function info(id: string, patch: Partial<SessionInfo> = {}): SessionInfo {
	return {id, cwd: '/w', state: 'idle', queue: [], pendingPermissions: [], created: '2026-11-21T00:00:00Z', ...patch};
}

const pending = {requestId: 'r1', sessionId: 's1', toolCallId: 't1', title: 'Edit main.ts', options: [], since: ''};

test('a hidden session that starts waiting raises attention; a visible one does not', () => {
	const next = info('s1', {state: 'waiting', title: 'fix bug', pendingPermissions: [pending]});
	const event = {seq: 1, kind: 'session', session: next} as const;
	assert.deepEqual(attentionFor(event, info('s1', {state: 'running'}), new Set()), {sessionId: 's1', kind: 'waiting', message: 'fix bug: needs permission: Edit main.ts'});
	assert.equal(attentionFor(event, info('s1', {state: 'running'}), new Set(['s1'])), undefined);
	// Still waiting on the same request: no second ring.
	assert.equal(attentionFor(event, next, new Set()), undefined);
});

test('a turn end in a hidden session raises attention', () => {
	const event = {seq: 2, kind: 'transcript', sessionId: 'abcdef123456', action: {type: 'turn-end', ts: '', stopReason: 'end_turn', ms: 5}} as const;
	assert.equal(attentionFor(event, undefined, new Set())?.message, 'abcdef12: turn ended (end_turn)');
	assert.equal(attentionFor(event, undefined, new Set(['abcdef123456'])), undefined);
	const prompt = {seq: 3, kind: 'transcript', sessionId: 'x', action: {type: 'prompt', ts: '', text: 'hi'}} as const;
	assert.equal(attentionFor(prompt, undefined, new Set()), undefined);
});

test('sequences: BEL + OSC 9 + OSC 777, each switchable; control characters stripped', () => {
	const attention = {sessionId: 's', kind: 'waiting', message: 'a;b\u001B]evil\u0007'} as const;
	const all = attentionSequence(attention);
	assert.equal(all, '\u0007\u001B]9;agents: a;b ]evil\u0007\u001B]777;notify;agents;a,b ]evil\u0007');
	assert.equal(attentionSequence(attention, {bell: false, osc: false}), '');
	assert.equal(attentionSequence(attention, {osc: false}), '\u0007');
	assert.equal(titleSequence('agents: running 2'), '\u001B]2;agents: running 2\u0007');
	assert.equal(sanitizeControl('a\nb'), 'a b');
});

test('phase summary for each phase and for mixed states', () => {
	assert.equal(phaseSummary({phase: 'starting'}, []), 'starting');
	assert.equal(phaseSummary({phase: 'stopped'}, [info('a', {state: 'running'})]), 'stopped');
	assert.equal(phaseSummary({phase: 'idle'}, [info('a'), info('b')]), 'idle');
	assert.equal(phaseSummary({phase: 'running'}, [info('a', {state: 'running'}), info('b', {state: 'running'}), info('c')]), 'running 2');
	assert.equal(phaseSummary({phase: 'waiting'}, [info('a', {state: 'running'}), info('b', {state: 'running'}), info('c', {state: 'waiting'})]), 'running 2 · waiting 1');
	assert.equal(phaseSummary({phase: 'running'}, [info('a', {state: 'cancelling'})]), 'cancelling 1');
	assert.equal(phaseSummary({phase: 'waiting'}, []), 'waiting');
});

test('state marks and clock', () => {
	assert.equal(stateMark('waiting'), '!');
	assert.equal(stateMark('running', 3), spinnerFrames[3]);
	assert.notEqual(stateMark('idle'), stateMark('running'));
	assert.equal(clockText(new Date(2026, 10, 21, 9, 5)), '09:05');
});
