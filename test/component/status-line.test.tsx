import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {buildKeymap} from '../../source/config/keymap.js';
import {StatusLine} from '../../source/ui/components/status-line.js';
import type {HostPhase, HostStatus, SessionInfo, SessionState} from '../../source/model/types.js';
import type {SessionView} from '../../source/ui/store/client-store.js';
import {spinnerFrames} from '../../source/ui/phase-summary.js';

function host(phase: HostPhase): HostStatus {
	return {
		hostId: 'velox.rulesets.claude.1763762400', pid: 1, cwd: '/', started: '', phase, activePrompts: 0, pendingPermissions: 0,
		agent: {name: 'claude', command: 'x', args: [], state: phase === 'stopped' ? 'stopped' : 'running'}, clients: 1,
	};
}

function session(id: string, state: SessionState, title?: string): SessionView {
	const info: SessionInfo = {id, cwd: '/', state, queue: [], pendingPermissions: [], created: '', ...(title === undefined ? {} : {title})};
	return {info, entries: [], meta: {}, hasOlder: false, loadingOlder: false};
}

function line(phase: HostPhase, sessions: readonly SessionView[], extra: Partial<Parameters<typeof StatusLine>[0]> = {}): string {
	const {lastFrame, unmount} = render(
		<StatusLine width={120} host={host(phase)} sessions={sessions} visible={new Set()} mode="normal" readOnly={false} keymap={buildKeymap()} now={new Date(2026, 0, 1, 14, 7)} spinnerFrame={2} {...extra} />,
	);
	const text = stripAnsi(lastFrame() ?? '');
	unmount();
	assert.equal(text.split('\n').length, 1, 'one row');
	return text;
}

test('each phase: host id, agent, phase word and clock', () => {
	for (const phase of ['starting', 'idle', 'running', 'waiting', 'stopped'] as const) {
		const text = line(phase, []);
		assert.match(text, /^\[velox\.rulesets\.claude\.1763762400\] claude/);
		assert.match(text, new RegExp(`${phase}.*│ 14:07$`));
	}
	assert.match(line('stopped', []), /stopped \(C-b R restarts\) │ 14:07$/);
});

test('mixed sessions: marks per session and the counts', () => {
	const text = line('waiting', [session('a1', 'running', 'api'), session('b2', 'running', 'ui'), session('c3', 'waiting', 'docs'), session('d4', 'idle', 'ops'), session('e5', 'cancelling')]);
	assert.match(text, new RegExp(`0:api${spinnerFrames[2]} 1:ui${spinnerFrames[2]} 2:docs! 3:ops✓ 4:e5~`));
	assert.match(text, /running 2 · waiting 1 · cancelling 1 │ 14:07$/);
	assert.match(line('running', [session('a', 'running'), session('b', 'idle')]), /running 1 │/);
	assert.match(line('idle', [session('a', 'idle'), session('b', 'interrupted')]), /b\? .*idle │/);
});

test('prefix mode, read-only marker and a flash message', () => {
	assert.match(line('idle', [], {mode: 'prefix'}), /^\[C-b\] \[velox/);
	assert.match(line('idle', [], {readOnly: true}), /\[read-only\]/);
	assert.match(line('idle', [session('a', 'idle')], {flash: {text: 'read-only client: actions are disabled', level: 'warning'}}), /^read-only client: actions are disabled │ \[velox/);
});

test('a narrow status line truncates the left part but keeps phase and clock', () => {
	const many = Array.from({length: 30}, (_, i) => session(`s${i}`, i % 3 === 0 ? 'running' : 'idle', `session-${i}`));
	const {lastFrame, unmount} = render(
		<StatusLine width={80} host={host('running')} sessions={many} visible={new Set()} mode="normal" readOnly={false} keymap={buildKeymap()} now={new Date(2026, 0, 1, 9, 0)} spinnerFrame={0} />,
	);
	const text = stripAnsi(lastFrame() ?? '');
	unmount();
	assert.equal(text.split('\n').length, 1);
	assert.match(text, /running 10 │ 09:00$/);
});
