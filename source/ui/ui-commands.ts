/**
What each keymap command does to the view state, plus the host actions it asks for (`Effect`s the App runs
through the HostClient). Pure. Commands that act on the host are refused in a read-only client with a hint.
*/
import type {CommandId, Keymap} from '../config/keymap.js';
import type {PermissionOptionKind} from '../model/acp-types.js';
import type {PendingPermission} from '../model/types.js';
import {
	focusDirection, focusNext, setPaneSession, splitPane, toggleZoom, type PaneId,
} from './layout/pane-tree.js';
import type {ClientView, SessionView} from './store/client-store.js';
import {focusedSessionId, visibleSessions, withScroll, type UiState} from './ui-state.js';
import {enterScroll} from './scroll-mode.js';

export type Effect =
	| {readonly type: 'prompt'; readonly sessionId: string; readonly text: string}
	| {readonly type: 'cancel'; readonly sessionId: string}
	| {readonly type: 'end-session'; readonly sessionId: string; readonly cancelFirst: boolean}
	| {readonly type: 'new-session'; readonly paneId: PaneId; readonly cwd?: string}
	| {readonly type: 'answer'; readonly sessionId: string; readonly requestId: string; readonly optionId: string}
	| {readonly type: 'restart-agent'}
	| {readonly type: 'detach'}
	| {readonly type: 'load-older'; readonly sessionId: string};

export type RouterContext = {
	readonly keymap: Keymap;
	readonly view: ClientView;
	readonly readOnly: boolean;
	readonly size: {readonly width: number; readonly height: number};
};

export type RouteResult = {readonly state: UiState; readonly effects: readonly Effect[]};

export const readOnlyHint = 'read-only client: actions are disabled';

export function refuse(state: UiState): RouteResult {
	return {state: {...state, mode: state.mode === 'prefix' ? 'normal' : state.mode, flash: {text: readOnlyHint, level: 'warning'}}, effects: []};
}

const busyStates = new Set(['running', 'waiting', 'cancelling']);

export function isBusy(session: SessionView | undefined): boolean {
	return session !== undefined && busyStates.has(session.info.state);
}

/** The focused pane shows another session; its scroll position starts at the tail again. */
function showSession(state: UiState, sessionId: string | undefined): UiState {
	if (sessionId === undefined) return state;
	const layout = setPaneSession(state.layout, state.layout.focused, sessionId);
	return withScroll({...state, layout}, state.layout.focused, undefined);
}

function sessionAt(view: ClientView, index: number): string | undefined {
	return view.sessions[index]?.info.id;
}

function cycle(view: ClientView, current: string | undefined, delta: number): string | undefined {
	const count = view.sessions.length;
	if (count === 0) return undefined;
	const index = view.sessions.findIndex(session => session.info.id === current);
	return sessionAt(view, ((index < 0 ? 0 : index + delta) % count + count) % count);
}

/** Waiting sessions first (after the current one, wrapping), then sessions that finished unseen. */
export function nextAttention(state: UiState, view: ClientView): string | undefined {
	const current = focusedSessionId(state);
	const start = view.sessions.findIndex(session => session.info.id === current);
	const rotated = [...view.sessions.slice(start + 1), ...view.sessions.slice(0, start + 1)];
	const waiting = rotated.find(session => session.info.state === 'waiting' && session.info.id !== current);
	if (waiting !== undefined) return waiting.info.id;
	return rotated.find(session => state.unseen.has(session.info.id) && session.info.id !== current)?.info.id;
}

/** A session to show in a new pane: the first one not visible yet, else the focused pane's own. */
function sessionForNewPane(state: UiState, view: ClientView): string | undefined {
	const visible = visibleSessions(state);
	return view.sessions.find(session => !visible.has(session.info.id))?.info.id ?? focusedSessionId(state);
}

export function runCommand(state: UiState, id: CommandId, context: RouterContext): RouteResult {
	const {view, keymap, readOnly, size} = context;
	const entry = keymap.entries.find(candidate => candidate.id === id);
	if (readOnly && entry !== undefined && !entry.viewOnly) return refuse(state);
	const normal: UiState = {...state, mode: 'normal'};
	const sessionId = focusedSessionId(state);
	const session = sessionId === undefined ? undefined : view.byId.get(sessionId);
	if (id.startsWith('select-')) {
		const target = sessionAt(view, Number(id.slice('select-'.length)));
		return {state: showSession(normal, target), effects: []};
	}
	switch (id) {
		case 'new-session': {
			const cwd = session?.info.cwd;
			return {state: normal, effects: [{type: 'new-session', paneId: state.layout.focused, ...(cwd === undefined ? {} : {cwd})}]};
		}
		case 'end-session': {
			if (session === undefined) return {state: normal, effects: []};
			return {state: {...state, mode: 'dialog', dialog: {kind: 'end-session', sessionId: session.info.id, busy: isBusy(session)}}, effects: []};
		}
		case 'next-session':
		case 'previous-session': {
			return {state: showSession(normal, cycle(view, sessionId, id === 'next-session' ? 1 : -1)), effects: []};
		}
		case 'chooser': {
			const index = Math.max(0, view.sessions.findIndex(candidate => candidate.info.id === sessionId));
			return {state: {...state, mode: 'chooser', chooserIndex: index}, effects: []};
		}
		case 'next-attention': {
			const target = nextAttention(state, view);
			if (target === undefined) return {state: {...normal, flash: {text: 'no session needs attention', level: 'info'}}, effects: []};
			return {state: showSession(normal, target), effects: []};
		}
		case 'split-horizontal':
		case 'split-vertical': {
			const layout = splitPane(state.layout, id === 'split-horizontal' ? 'row' : 'column', sessionForNewPane(state, view), size);
			if (layout === state.layout) return {state: {...normal, flash: {text: 'no room to split this pane', level: 'warning'}}, effects: []};
			return {state: {...normal, layout}, effects: []};
		}
		case 'focus-next': {
			return {state: {...normal, layout: focusNext(state.layout)}, effects: []};
		}
		case 'focus-left':
		case 'focus-right':
		case 'focus-up':
		case 'focus-down': {
			const direction = id.slice('focus-'.length) as 'left' | 'right' | 'up' | 'down';
			return {state: {...normal, layout: focusDirection(state.layout, direction, size)}, effects: []};
		}
		case 'zoom': {
			return {state: {...normal, layout: toggleZoom(state.layout)}, effects: []};
		}
		case 'toggle-thoughts': {
			const expandThoughts = !state.expandThoughts;
			return {state: {...normal, expandThoughts, flash: {text: expandThoughts ? 'thoughts shown in full' : 'thoughts folded', level: 'info'}}, effects: []};
		}
		case 'scroll-mode': {
			return enterScroll(normal, context);
		}
		case 'detach': {
			return {state: normal, effects: [{type: 'detach'}]};
		}
		case 'restart-agent': {
			return {state: {...normal, flash: {text: 'restarting the agent…', level: 'info'}}, effects: [{type: 'restart-agent'}]};
		}
		case 'help': {
			return {state: {...state, mode: 'help'}, effects: []};
		}
		case 'cancel-turn': {
			if (session === undefined || !isBusy(session)) return {state, effects: []};
			return {state, effects: [{type: 'cancel', sessionId: session.info.id}]};
		}
		default: {
			return {state: normal, effects: []};
		}
	}
}

const letterKinds: Readonly<Record<string, PermissionOptionKind>> = {
	a: 'allow_once',
	A: 'allow_always',
	r: 'reject_once',
	R: 'reject_always',
};

/**
The option a permission key picks (toad's `a`/`A`/`r`/`R`, or `1`…`9` by position); undefined when the key
is not a permission key for this request.
*/
export function permissionOptionFor(pending: PendingPermission, input: string): string | undefined {
	if (/^[1-9]$/.test(input)) return pending.options[Number(input) - 1]?.optionId;
	const kind = letterKinds[input];
	if (kind === undefined) return undefined;
	return pending.options.find(option => option.kind === kind)?.optionId;
}

/** Answer the oldest pending permission of `session` with `input`, if it is a permission key. */
export function answerWithKey(state: UiState, session: SessionView | undefined, input: string, readOnly: boolean): RouteResult | undefined {
	const pending = session?.info.pendingPermissions[0];
	if (session === undefined || pending === undefined) return undefined;
	const optionId = permissionOptionFor(pending, input);
	if (optionId === undefined) return undefined;
	if (readOnly) return refuse(state);
	return {state, effects: [{type: 'answer', sessionId: session.info.id, requestId: pending.requestId, optionId}]};
}
