/**
Attention routing per client (DESIGN §6, docs/peers.md §3.1 and §4.1 #8): when a session this client does
NOT show starts waiting for a permission or ends a turn, ring the bell and send an OSC 9 / OSC 777 desktop
notification. The terminal title (OSC 2) mirrors the aggregate phase. All of these are zero-width control
strings written to stdout between Ink frames.
*/
import type {HostEvent, SessionInfo} from '../model/types.js';

export type NotificationSettings = {readonly bell?: boolean; readonly osc?: boolean};

export type Attention = {
	readonly sessionId: string;
	readonly kind: 'waiting' | 'turn-end';
	/** Human text: `<session title>: needs permission: <tool>` or `<title>: turn ended (end_turn)`. */
	readonly message: string;
};

const esc = '\u001B';
const bel = '\u0007';

/** Strip control characters so agent text cannot end or inject an escape sequence. */
export function sanitizeControl(text: string): string {
	return text.replaceAll(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').trim();
}

function sessionLabel(info: SessionInfo | undefined, sessionId: string): string {
	return info?.title?.trim() || sessionId.slice(0, 8);
}

/**
What an event means for attention, given the session info before it and the sessions visible in this
client. Waiting: a session's pending permissions grow (or its state becomes `waiting`). Turn end: a
`turn-end` transcript action.
*/
export function attentionFor(event: HostEvent, previous: SessionInfo | undefined, visible: ReadonlySet<string>): Attention | undefined {
	if (event.kind === 'session') {
		const next = event.session;
		if (visible.has(next.id)) return undefined;
		const before = previous?.pendingPermissions.length ?? 0;
		const startedWaiting = next.state === 'waiting' && previous?.state !== 'waiting';
		if (next.pendingPermissions.length > before || (startedWaiting && next.pendingPermissions.length > 0)) {
			const pending = next.pendingPermissions.at(-1);
			const what = pending === undefined ? '' : `: ${pending.title}`;
			return {sessionId: next.id, kind: 'waiting', message: `${sessionLabel(next, next.id)}: needs permission${what}`};
		}
		return undefined;
	}
	if (event.kind === 'transcript' && event.action.type === 'turn-end') {
		if (visible.has(event.sessionId)) return undefined;
		return {sessionId: event.sessionId, kind: 'turn-end', message: `${sessionLabel(previous, event.sessionId)}: turn ended (${event.action.stopReason})`};
	}
	return undefined;
}

/** BEL, then OSC 9 (iTerm2, WezTerm, Windows Terminal…) and OSC 777 (foot, urxvt, Ghostty…); unsupported OSCs are ignored by terminals. */
export function attentionSequence(attention: Attention, settings: NotificationSettings = {}): string {
	let out = '';
	if (settings.bell ?? true) out += bel;
	if (settings.osc ?? true) {
		const message = sanitizeControl(`agents: ${attention.message}`);
		out += `${esc}]9;${message}${bel}`;
		out += `${esc}]777;notify;agents;${sanitizeControl(attention.message).replaceAll(';', ',')}${bel}`;
	}
	return out;
}

/** OSC 2: set the terminal (or tmux pane) title. */
export function titleSequence(title: string): string {
	return `${esc}]2;${sanitizeControl(title)}${bel}`;
}
