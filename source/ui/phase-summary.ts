/**
Text of the aggregate phase (`running 2 · waiting 1`) for the status line and the terminal title
(DESIGN §4.4, §6). Counts come from per-session states the host computed from protocol state, never from text.
*/
import type {HostStatus, SessionInfo, SessionState} from '../model/types.js';

/** Per-session state marks in the status line: spinner frames for running, `!` waiting, and so on. */
export const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

/** The spinner frame comes from the clock (4 a second), so every frame that renders anyway animates it. */
export function spinnerFrameAt(ms: number): number {
	return Math.floor(ms / 250) % spinnerFrames.length;
}

const stateMarks: Readonly<Record<SessionState, string>> = {
	// Narrow (non-ambiguous-width) characters only, so CJK terminals keep the columns.
	idle: '✓',
	running: '', // Replaced by the spinner frame.
	waiting: '!',
	cancelling: '~',
	interrupted: '?',
	stopped: 'x',
	ended: '-',
};

export function stateMark(state: SessionState, frame = 0): string {
	if (state === 'running') return spinnerFrames[frame % spinnerFrames.length]!;
	return stateMarks[state];
}

/**
`running 2 · waiting 1` (sessions in each busy state), else the host phase word (`idle`, `starting`,
`stopped`). A stopped host reads `stopped` whatever its sessions were doing.
*/
export function phaseSummary(host: Pick<HostStatus, 'phase'>, sessions: readonly Pick<SessionInfo, 'state'>[]): string {
	if (host.phase === 'stopped' || host.phase === 'starting') return host.phase;
	const count = (state: SessionState) => sessions.filter(session => session.state === state).length;
	const parts: string[] = [];
	const running = count('running');
	const waiting = count('waiting');
	const cancelling = count('cancelling');
	if (running > 0) parts.push(`running ${running}`);
	if (waiting > 0) parts.push(`waiting ${waiting}`);
	if (cancelling > 0) parts.push(`cancelling ${cancelling}`);
	if (parts.length === 0) {
		// The host counters can be ahead of session infos (events arrive in order, but be safe).
		if (host.phase === 'waiting' || host.phase === 'running') return host.phase;
		return 'idle';
	}
	return parts.join(' · ');
}

/** `HH:MM` in local time. */
export function clockText(date: Date): string {
	return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
