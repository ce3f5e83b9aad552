/**
The chrome's rows as styled strings of exactly `width` cells: a pane's title row and the status line (DESIGN §6).
Pure and free of Ink, so the same text serves the Ink components (pane-frame.tsx, status-line.tsx) and the first
frame drawn from the snapshot before Ink has loaded (boot-frame.ts, DESIGN §10 attach budget).
*/
import {homedir} from 'node:os';
import {hintFor, type Keymap} from '../../config/keymap.js';
import {modelOf, modeOf} from '../../model/transcript.js';
import type {HostStatus} from '../../model/types.js';
import {clockText, phaseSummary, stateMark} from '../phase-summary.js';
import type {SessionView} from '../store/client-store.js';
import {paint, theme} from '../theme.js';
import {cells, fit, truncate} from '../transcript/text.js';
import type {Flash, Mode} from '../ui-state.js';

/** What a pane without a session shows in its viewport. */
export const noSessionText = 'no session here: C-b c starts one';

export function shortCwd(cwd: string, home = homedir()): string {
	if (home !== '' && (cwd === home || cwd.startsWith(`${home}/`))) return `~${cwd.slice(home.length)}`;
	return cwd;
}

export function sessionLabel(session: SessionView): string {
	return session.info.title?.trim() || session.info.id.slice(0, 8);
}

/** `left` cut to leave room for `right` (which never shrinks), padded so the row is exactly `width` cells. */
function row(left: string, right: string, width: number): string {
	const room = Math.max(0, width - cells(right));
	const cut = truncate(left, room);
	return fit(`${cut}${' '.repeat(Math.max(0, room - cells(cut)))}${right}`, width);
}

export type PaneTitleInput = {
	readonly width: number;
	readonly session?: SessionView;
	/** Position of the pane's session in the session list (what `C-b 0-9` selects). */
	readonly number?: number;
	readonly focused: boolean;
	readonly zoomed: boolean;
	readonly scrolled: boolean;
	/** Shown while the focused pane is in scroll/search mode. */
	readonly modeTag?: string;
	readonly spinnerFrame: number;
	readonly color?: boolean;
};

/** `▶ 1 title · ~/cwd · mode/model · state` with `[zoom] [scrolled]` tags on the right. */
export function paneTitleText(input: PaneTitleInput): string {
	const {session, focused} = input;
	const enabled = input.color ?? true;
	let title = 'no session';
	if (session !== undefined) {
		const {info, meta} = session;
		const mode = info.mode ?? modeOf(meta);
		const model = info.model ?? modelOf(meta);
		const state = `${info.state === 'running' ? `${stateMark(info.state, input.spinnerFrame)} ` : ''}${info.state}${info.logDegraded ? ' · log degraded' : ''}`;
		title = [`${input.number ?? '?'} ${sessionLabel(session)}`, shortCwd(info.cwd), [mode, model].filter(Boolean).join('/'), state]
			.filter(part => part !== '').join(' · ');
	}
	const tags = [input.modeTag, input.zoomed && focused ? 'zoom' : undefined, input.scrolled && input.modeTag === undefined ? 'scrolled' : undefined]
		.filter(Boolean).map(tag => `[${tag}]`).join(' ');
	const color = focused ? theme.pane.activeBorder : theme.pane.inactiveBorder;
	// The style wraps each piece, so a cut title keeps it up to the ellipsis.
	const left = paint(`${focused ? '▶' : ' '} ${title} `, {color, bold: focused, inverse: focused}, enabled);
	return row(left, tags === '' ? '' : paint(` ${tags}`, {color: theme.status.warning}, enabled), input.width);
}

export type StatusLineInput = {
	readonly width: number;
	readonly host: HostStatus;
	readonly sessions: readonly SessionView[];
	readonly focusedSessionId?: string;
	readonly visible: ReadonlySet<string>;
	readonly mode: Mode;
	readonly flash?: Flash;
	readonly readOnly: boolean;
	readonly keymap: Keymap;
	readonly now: Date;
	readonly spinnerFrame: number;
	readonly color?: boolean;
};

const stateColors: Readonly<Record<string, string>> = {
	running: theme.status.running,
	waiting: theme.status.waiting,
	cancelling: theme.status.warning,
	idle: theme.status.idle,
	interrupted: theme.status.error,
	stopped: theme.status.stopped,
	ended: theme.text.dim,
};

const phaseColors: Readonly<Record<string, string>> = {
	starting: theme.status.info,
	idle: theme.status.idle,
	running: theme.status.running,
	waiting: theme.status.waiting,
	stopped: theme.status.stopped,
};

const flashColors = {info: theme.status.info, warning: theme.status.warning, error: theme.status.error} as const;

/**
The status line (DESIGN §6): host id and agent, the session list with per-session marks (spinner running, `!`
waiting, `·` idle…), the aggregate phase with counts (`running 2 · waiting 1`) and a clock. A flash message
(refused action, error, banner) is shown first, ahead of the host id. The phase and clock never shrink: they are what
the line is for.
*/
export function statusLineText(input: StatusLineInput): string {
	const {host, sessions, keymap} = input;
	const enabled = input.color ?? true;
	const p = (text: string, style: Parameters<typeof paint>[1]): string => paint(text, style, enabled);
	const modeTag = input.mode === 'prefix' ? `[${keymap.prefix}] ` : input.mode === 'scroll' || input.mode === 'search' ? '[scroll] ' : '';
	const stoppedHint = host.phase === 'stopped' ? ` (${hintFor(keymap, 'restart-agent')} restarts)` : '';
	const summary = phaseSummary(host, sessions.map(session => session.info));
	const parts = [
		p(modeTag, {color: theme.status.warning, bold: true}),
		input.flash === undefined ? '' : p(`${input.flash.text} │ `, {color: flashColors[input.flash.level]}),
		p(`[${host.hostId}] ${host.agent.name}`, {color: theme.text.accent}),
		input.readOnly ? p(' [read-only]', {color: theme.status.warning}) : '',
		...sessions.map((session, index) => {
			const focused = session.info.id === input.focusedSessionId;
			const label = p(`${index}:${sessionLabel(session)}`, {inverse: focused, bold: input.visible.has(session.info.id)});
			return ` ${label}${p(stateMark(session.info.state, input.spinnerFrame), {color: stateColors[session.info.state]})}`;
		}),
	];
	return row(parts.join(''), p(` ${summary}${stoppedHint} │ ${clockText(input.now)}`, {color: phaseColors[host.phase]}), input.width);
}
