/**
Scroll mode (`C-b [`, tmux copy mode): move the focused pane's view through its transcript, search with `/`,
jump between matches with `n`/`N`. Scrolling to the top of the loaded entries asks for the previous history
page (DESIGN §5: older transcript pages on request). Pure.
*/
import {hintFor, type CommandId} from '../config/keymap.js';
import {scrollOffsetForLine, searchMatches, totalLines} from './transcript/layout-transcript.js';
import type {Effect, RouteResult, RouterContext} from './ui-commands.js';
import {focusedSessionId, frameGeometry, lineOptions, resolveTop, withScroll, type LineOptions, type PaneGeometry, type ScrollState, type UiState} from './ui-state.js';

type Focus = {readonly pane: PaneGeometry; readonly sessionId: string; readonly total: number; readonly top: number; readonly maxTop: number; readonly options: LineOptions};

function focusOf(state: UiState, context: RouterContext): Focus | undefined {
	const geometry = frameGeometry(state, context.view, context.size, context.readOnly);
	if (geometry.tooSmall) return undefined;
	const pane = geometry.panes.find(candidate => candidate.focused);
	const sessionId = focusedSessionId(state);
	if (pane?.session === undefined || sessionId === undefined) return undefined;
	const {entries} = pane.session;
	const {width, height} = pane.viewport;
	const options = lineOptions(state, hintFor(context.keymap, 'restart-agent'));
	const total = totalLines(entries, width, options);
	const maxTop = Math.max(0, total - height);
	const scroll = state.scroll.get(pane.id);
	const top = scroll === undefined ? maxTop : Math.min(maxTop, resolveTop(scroll, entries, width, options));
	return {pane, sessionId, total, top, maxTop, options};
}

function placed(state: UiState, focus: Focus, top: number, search?: ScrollState['search']): RouteResult {
	const clamped = Math.max(0, Math.min(focus.maxTop, top));
	const session = focus.pane.session!;
	const anchorFirst = session.entries[0]?.index ?? 0;
	const scroll: ScrollState = search === undefined ? {top: clamped, anchorFirst} : {top: clamped, anchorFirst, search};
	const effects: Effect[] = clamped === 0 && session.hasOlder && !session.loadingOlder ? [{type: 'load-older', sessionId: focus.sessionId}] : [];
	return {state: withScroll(state, focus.pane.id, scroll), effects};
}

/** Enter scroll mode on the focused pane, keeping a position it already had. */
export function enterScroll(state: UiState, context: RouterContext): RouteResult {
	const focus = focusOf(state, context);
	if (focus === undefined) return {state, effects: []};
	const search = state.scroll.get(focus.pane.id)?.search;
	return placed({...state, mode: 'scroll'}, focus, focus.top, search);
}

export function scrollCommand(state: UiState, id: CommandId, context: RouterContext): RouteResult {
	const focus = focusOf(state, context);
	if (id === 'scroll-exit' || focus === undefined) {
		const paneId = state.layout.focused;
		return {state: withScroll({...state, mode: 'normal'}, paneId, undefined), effects: []};
	}
	const page = Math.max(1, focus.pane.viewport.height - 1);
	const search = state.scroll.get(focus.pane.id)?.search;
	switch (id) {
		case 'scroll-page-up': return placed(state, focus, focus.top - page, search);
		case 'scroll-page-down': return placed(state, focus, focus.top + page, search);
		case 'scroll-line-up': return placed(state, focus, focus.top - 1, search);
		case 'scroll-line-down': return placed(state, focus, focus.top + 1, search);
		case 'scroll-top': return placed(state, focus, 0, search);
		case 'scroll-bottom': return placed(state, focus, focus.maxTop, search);
		case 'scroll-search': return {state: {...state, mode: 'search', searchDraft: ''}, effects: []};
		case 'scroll-next-match':
		case 'scroll-previous-match': {
			if (search === undefined) return {state, effects: []};
			return jumpToMatch(state, focus, search.query, search.active + (id === 'scroll-next-match' ? -1 : 1));
		}
		default: return {state, effects: []};
	}
}

function jumpToMatch(state: UiState, focus: Focus, query: string, active: number): RouteResult {
	const {entries} = focus.pane.session!;
	const {width, height} = focus.pane.viewport;
	const matches = searchMatches(entries, width, query, focus.options);
	if (matches.length === 0) {
		return {state: {...state, flash: {text: `not found: ${query}`, level: 'warning'}}, effects: []};
	}
	const index = ((active % matches.length) + matches.length) % matches.length;
	const line = matches[index]!.line;
	const offset = scrollOffsetForLine(line, focus.total, height);
	const top = focus.total - height - offset;
	return placed(state, focus, top, {query, active: index});
}

/**
A key while typing a search query: printable text appends, Backspace deletes, Enter searches backwards from the
bottom of the view (the newest match above it, like tmux `search-backward`), Esc gives up.
*/
export function searchKey(state: UiState, input: string, key: {readonly return?: boolean; readonly escape?: boolean; readonly backspace?: boolean; readonly delete?: boolean; readonly ctrl?: boolean; readonly meta?: boolean}, context: RouterContext): RouteResult {
	if (key.escape) return {state: {...state, mode: 'scroll', searchDraft: ''}, effects: []};
	if (key.backspace || key.delete) return {state: {...state, searchDraft: [...state.searchDraft].slice(0, -1).join('')}, effects: []};
	if (key.return) {
		const query = state.searchDraft;
		const back: UiState = {...state, mode: 'scroll', searchDraft: ''};
		const focus = focusOf(back, context);
		if (query === '' || focus === undefined) return {state: back, effects: []};
		const matches = searchMatches(focus.pane.session!.entries, focus.pane.viewport.width, query, focus.options);
		const bottom = focus.top + focus.pane.viewport.height;
		let active = -1;
		for (const [index, match] of matches.entries()) {
			if (match.line < bottom) active = index;
		}
		return jumpToMatch(back, focus, query, active < 0 ? matches.length - 1 : active);
	}
	if (key.ctrl || key.meta || input === '') return {state, effects: []};
	return {state: {...state, searchDraft: state.searchDraft + input}, effects: []};
}
