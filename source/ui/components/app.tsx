/**
The TUI root (DESIGN §6): exactly `width`×`height` cells, panes positioned from the pure layout math, the
status line on the last row, overlays (chooser, help, confirm) on top. The ONLY `useInput`/`usePaste` of the
app live here and feed the key router; host actions run through the HostClient, never anything else.
*/
import {Box, Text, useCursor, useInput, usePaste} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import {hintFor, type Keymap} from '../../config/keymap.js';
import type {HostClient} from '../../model/types.js';
import {attentionFor, attentionSequence, titleSequence, type NotificationSettings} from '../attention.js';
import {routeKey, routePaste, type Effect, type RouterContext} from '../key-router.js';
import {inputCursor} from '../input/input-layout.js';
import {setPaneSession} from '../layout/pane-tree.js';
import type {TranscriptLayer} from '../pane-transcripts.js';
import {phaseSummary, spinnerFrameAt} from '../phase-summary.js';
import type {ClientStore} from '../store/client-store.js';
import {theme} from '../theme.js';
import {editorFor, focusedSessionId, frameGeometry, initialUi, inputMaxHeight, reconcileUi, visibleSessions, type Flash, type FrameGeometry, type UiState} from '../ui-state.js';
import {Chooser} from './chooser.js';
import {Confirm, confirmRect, Help, TooSmall} from './overlays.js';
import {sessionLabel} from '../chrome/chrome-text.js';
import {PaneFrame} from './pane-frame.js';
import {StatusLine} from './status-line.js';
import {useTranscriptLayer} from './use-transcript-layer.js';

export type TuiResult = {readonly reason: 'detached' | 'host-exited' | 'killed'; readonly message?: string};

export type AppProps = {
	readonly client: HostClient;
	readonly store: ClientStore;
	readonly keymap: Keymap;
	readonly width: number;
	readonly height: number;
	readonly banner?: string;
	readonly notifications?: NotificationSettings;
	readonly onExit: (result: TuiResult) => void;
	/** Zero-width control strings (bell, OSC 9/777, OSC 2 title) written between Ink frames. */
	readonly writeRaw?: (text: string) => void;
	/**
	Draws the pane transcripts outside React (the TUI: pane-transcripts.ts, issue 4 performance budget). Without it the
	panes render `TranscriptView`s and the App follows every store flush (component tests, `AGENTS_RENDERER=ink`).
	*/
	readonly transcripts?: TranscriptLayer;
	readonly now?: () => Date;
	readonly color?: boolean;
};

export function App(props: AppProps): React.JSX.Element {
	const {client, store, keymap, width, height, writeRaw, onExit, transcripts} = props;
	const [ui, setUi] = useState<UiState>(() => reconcileUi(initialUi(store.getView(), props.banner), store.getView()));
	// With the transcripts drawn outside React, only chrome changes re-render; the chooser shows last lines, so it follows everything.
	const getView = transcripts === undefined || ui.mode === 'chooser' ? store.getView : store.getChromeView;
	const view = useSyncExternalStore(store.subscribe, getView, getView);
	const uiRef = useRef(ui);
	const viewRef = useRef(view);
	viewRef.current = view;
	const update = useCallback((next: UiState) => {
		uiRef.current = next;
		setUi(next);
	}, []);
	const flash = useCallback((text: string, level: Flash['level']) => {
		update({...uiRef.current, flash: {text, level}});
	}, [update]);
	const exited = useRef(false);
	const exit = useCallback((result: TuiResult) => {
		if (exited.current) return;
		exited.current = true;
		onExit(result);
	}, [onExit]);

	useEffect(() => {
		const next = reconcileUi(uiRef.current, view);
		if (next !== uiRef.current) update(next);
	}, [view, update]);

	useEffect(() => {
		if (view.closed === undefined) return;
		exit({reason: /kill/i.test(view.closed) ? 'killed' : 'host-exited', message: view.closed});
	}, [view.closed, exit]);

	useEffect(() => {
		if (view.notice !== undefined) flash(view.notice.message, view.notice.level === 'error' ? 'error' : view.notice.level);
	}, [view.notice, flash]);

	// Attention: events for sessions this client does not show (DESIGN §6).
	useEffect(() => store.onEvent((event, previous) => {
		// Most events are streamed chunks, which never need attention: skip building the visible set for them.
		if (event.kind === 'transcript' && event.action.type !== 'turn-end') return;
		const attention = attentionFor(event, previous, visibleSessions(uiRef.current));
		if (attention === undefined) return;
		writeRaw?.(attentionSequence(attention, props.notifications));
		if (attention.kind === 'turn-end' && !uiRef.current.unseen.has(attention.sessionId)) {
			update({...uiRef.current, unseen: new Set([...uiRef.current.unseen, attention.sessionId])});
		}
	}), [store, writeRaw, props.notifications, update]);

	const summary = phaseSummary(view.host, view.sessions.map(session => session.info));
	useEffect(() => {
		writeRaw?.(titleSequence(`agents: ${summary}`));
	}, [summary, writeRaw]);

	// Streamed text does not render Ink (pane-transcripts.ts), so this timer is what moves the spinner (its frame
	// comes from the clock) and the clock: twice a second while a turn runs, as an Ink render of the chrome costs
	// ~10 ms at 160×48 (bench/tui-bench.ts).
	const busy = view.sessions.some(session => session.info.state === 'running' || session.info.state === 'cancelling');
	const [, setTick] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => {
			setTick(value => value + 1);
		}, busy ? 500 : 15_000);
		return () => {
			clearInterval(timer);
		};
	}, [busy]);

	// A flash message fades after a while (the banner and hints must not stick forever).
	useEffect(() => {
		if (ui.flash === undefined) return;
		const shown = ui.flash;
		const timer = setTimeout(() => {
			if (uiRef.current.flash === shown) update({...uiRef.current, flash: undefined});
		}, 6000);
		return () => {
			clearTimeout(timer);
		};
	}, [ui.flash, update]);

	const runEffect = useCallback(async (effect: Effect): Promise<void> => {
		switch (effect.type) {
			case 'prompt': {
				const result = await client.prompt(effect.sessionId, effect.text);
				if (result.queued) flash(`queued (${result.queueLength} waiting)`, 'info');
				return;
			}
			case 'cancel': {
				await client.cancel(effect.sessionId);
				return;
			}
			case 'end-session': {
				if (effect.cancelFirst) {
					await client.cancel(effect.sessionId);
					const idle = await store.waitFor(current => {
						const state = current.byId.get(effect.sessionId)?.info.state;
						return state !== 'running' && state !== 'waiting' && state !== 'cancelling';
					}, 10_000);
					if (!idle) throw new Error('the turn did not end after cancel; try again');
				}
				await client.endSession(effect.sessionId);
				return;
			}
			case 'new-session': {
				const info = await client.newSession(effect.cwd === undefined ? {} : {cwd: effect.cwd});
				// Bind once the session event is in the view, or reconcile would take the pane away again.
				await store.waitFor(current => current.byId.has(info.id), 5000);
				update({...uiRef.current, layout: setPaneSession(uiRef.current.layout, effect.paneId, info.id)});
				return;
			}
			case 'answer': {
				const result = await client.answerPermission(effect.sessionId, effect.requestId, effect.optionId);
				if (!result.accepted) flash(`already answered${result.winner === undefined ? '' : ` by ${result.winner}`}`, 'info');
				return;
			}
			case 'restart-agent': {
				await client.restartAgent();
				return;
			}
			case 'detach': {
				exit({reason: 'detached'});
				return;
			}
			case 'load-older': {
				await store.loadOlder(effect.sessionId);
				return;
			}
			default:
		}
	}, [client, store, flash, update, exit]);

	// Keys see the newest entries (scroll, search, permissions), which the chrome view may not carry.
	const context = (): RouterContext => ({keymap, view: store.getView(), readOnly: client.readOnly, size: {width, height}});
	useInput((input, key) => {
		const result = routeKey(uiRef.current, {input, key}, context());
		if (result.state !== uiRef.current) update(result.state);
		for (const effect of result.effects) {
			runEffect(effect).catch((error: unknown) => {
				flash(error instanceof Error ? error.message : String(error), 'error');
			});
		}
	});
	usePaste(text => {
		const next = routePaste(uiRef.current, text);
		if (next !== uiRef.current) update(next);
	});

	const geometry = useMemo(() => frameGeometry(ui, view, {width, height}, client.readOnly), [ui, view, width, height, client.readOnly]);
	const restartKey = hintFor(keymap, 'restart-agent');
	const areaHeight = height - 1;
	const dialogSession = ui.mode === 'dialog' && ui.dialog !== undefined ? view.byId.get(ui.dialog.sessionId) : undefined;
	const dialogRect = dialogSession === undefined || ui.dialog === undefined ? undefined : confirmRect(width, areaHeight, ui.dialog, sessionLabel(dialogSession));
	useTranscriptLayer(transcripts, {geometry, ui, restartKey, ...(dialogRect === undefined ? {} : {dialogRect}), ...(props.color === undefined ? {} : {color: props.color})});
	// The real cursor sits on the input's cursor cell (IME composition); hidden in every other mode.
	const {setCursorPosition} = useCursor();
	setCursorPosition(ui.mode === 'normal' ? inputCursorCell(geometry, ui, client.readOnly) : undefined);
	if (geometry.tooSmall) return <TooSmall width={width} height={height} />;
	const spinnerFrame = spinnerFrameAt(Date.now());
	const statusFlash: Flash | undefined = ui.mode === 'search' ? {text: `search: ${ui.searchDraft}▏`, level: 'info'} : ui.flash;
	return (
		<Box width={width} height={height} flexDirection="column" overflow="hidden">
			<Box width={width} height={areaHeight} overflow="hidden">
				{/* Full-area overlays replace the panes: Ink overlays do not erase the cells they leave blank. */}
				{ui.mode === 'chooser' || ui.mode === 'help' ? null : geometry.panes.map(pane => {
					const sessionId = pane.session?.info.id;
					const number = sessionId === undefined ? undefined : view.sessions.findIndex(session => session.info.id === sessionId);
					const scroll = ui.scroll.get(pane.id);
					const inScroll = pane.focused && (ui.mode === 'scroll' || ui.mode === 'search');
					return (
						<PaneFrame
							key={pane.id}
							geometry={pane}
							{...(number === undefined ? {} : {number})}
							editor={editorFor(ui, sessionId)}
							{...(scroll === undefined ? {} : {scroll})}
							zoomed={ui.layout.zoomed}
							readOnly={client.readOnly}
							restartKey={restartKey}
							expandThoughts={ui.expandThoughts}
							{...(inScroll ? {modeTag: ui.mode === 'search' ? 'search' : 'scroll: q leaves'} : {})}
							spinnerFrame={spinnerFrame}
							transcriptOutside={transcripts !== undefined}
							{...(props.color === undefined ? {} : {color: props.color})}
						/>
					);
				})}
				{ui.mode === 'chooser' || ui.mode === 'help' ? null : geometry.dividers.map(divider => (
					<Box key={`${divider.x}-${divider.y}`} position="absolute" left={divider.x} top={divider.y} width={1} height={divider.height} flexDirection="column" overflow="hidden">
						<Text color={theme.pane.inactiveBorder}>{Array.from({length: divider.height}, () => '│').join('\n')}</Text>
					</Box>
				))}
				{ui.mode === 'chooser' ? <Chooser width={width} height={areaHeight} sessions={view.sessions} selected={ui.chooserIndex} spinnerFrame={spinnerFrame} /> : null}
				{ui.mode === 'help' ? <Help width={width} height={areaHeight} keymap={keymap} /> : null}
				{ui.dialog !== undefined && dialogSession !== undefined
					? <Confirm width={width} height={areaHeight} dialog={ui.dialog} label={sessionLabel(dialogSession)} />
					: null}
			</Box>
			<StatusLine
				width={width}
				host={view.host}
				sessions={view.sessions}
				{...(focusedSessionId(ui) === undefined ? {} : {focusedSessionId: focusedSessionId(ui)!})}
				visible={visibleSessions(ui)}
				mode={ui.mode}
				{...(statusFlash === undefined ? {} : {flash: statusFlash})}
				readOnly={client.readOnly}
				keymap={keymap}
				now={props.now?.() ?? new Date()}
				spinnerFrame={spinnerFrame}
				{...(props.color === undefined ? {} : {color: props.color})}
			/>
		</Box>
	);
}

function inputCursorCell(geometry: FrameGeometry, ui: UiState, readOnly: boolean): {x: number; y: number} | undefined {
	if (geometry.tooSmall) return undefined;
	const pane = geometry.panes.find(candidate => candidate.focused);
	if (pane?.input === undefined || pane.session === undefined) return undefined;
	const cell = inputCursor(editorFor(ui, pane.session.info.id), {
		width: pane.input.width, maxHeight: inputMaxHeight(pane.rect.height), queued: pane.session.info.queue, focused: true, readOnly,
	});
	return cell === undefined ? undefined : {x: pane.input.x + cell.x, y: pane.input.y + cell.y};
}
