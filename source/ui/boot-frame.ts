/**
The first frame of an attach, drawn from the snapshot before Ink, React and yoga have loaded (~100 ms of module
load and first render on this machine; DESIGN §10: attach → first full frame ≤ 200 ms). It is the chrome the App
renders for the initial UI state — pane titles, input boxes, dividers, the status line — from the same pure text
functions the Ink components use (chrome/chrome-text.ts, input/input-layout.ts); the transcripts come from the
transcript layer as always. When Ink renders its first frame, the frame writer sends only what differs (usually the
spinner or nothing).
*/
import type {Keymap} from '../config/keymap.js';
import {hintFor} from '../config/keymap.js';
import {noSessionText, paneTitleText, statusLineText} from './chrome/chrome-text.js';
import {inputRows} from './input/input-layout.js';
import {transcriptSpecs, type PaneTranscriptSpec} from './pane-transcripts.js';
import {spinnerFrameAt} from './phase-summary.js';
import type {ClientView} from './store/client-store.js';
import {paint, theme} from './theme.js';
import {editorFor, focusedSessionId, frameGeometry, inputMaxHeight, visibleSessions, type UiState} from './ui-state.js';

/** Styled text to print at a cell (rows never wrap: every piece fits its width). */
export type BootPiece = {readonly x: number; readonly y: number; readonly text: string};

export type BootFrameInput = {
	readonly view: ClientView;
	readonly ui: UiState;
	readonly width: number;
	readonly height: number;
	readonly keymap: Keymap;
	readonly readOnly: boolean;
	readonly now: Date;
	readonly color?: boolean;
};

export type BootFrame = {readonly pieces: readonly BootPiece[]; readonly transcripts: readonly PaneTranscriptSpec[]};

/** The initial frame's chrome and transcript viewports; undefined when the terminal is too small (Ink says so). */
export function bootFrame(input: BootFrameInput): BootFrame | undefined {
	const {view, ui, width, height, keymap, readOnly, color} = input;
	const geometry = frameGeometry(ui, view, {width, height}, readOnly);
	if (geometry.tooSmall) return undefined;
	const spinnerFrame = spinnerFrameAt(input.now.getTime());
	const colorOption = color === undefined ? {} : {color};
	const pieces: BootPiece[] = [];
	for (const pane of geometry.panes) {
		const {rect, session} = pane;
		const number = session === undefined ? -1 : view.sessions.findIndex(candidate => candidate.info.id === session.info.id);
		pieces.push({x: rect.x, y: rect.y, text: paneTitleText({
			width: rect.width, ...(session === undefined ? {} : {session}), ...(number < 0 ? {} : {number}),
			focused: pane.focused, zoomed: ui.layout.zoomed, scrolled: false, spinnerFrame, ...colorOption,
		})});
		if (session === undefined) {
			pieces.push({x: pane.viewport.x, y: pane.viewport.y, text: paint(noSessionText, {color: theme.text.dim}, color ?? true)});
		}
		if (pane.input !== undefined && session !== undefined) {
			const rows = inputRows(editorFor(ui, session.info.id), {
				width: pane.input.width, maxHeight: inputMaxHeight(rect.height), queued: session.info.queue, focused: pane.focused, readOnly,
				commands: session.meta.availableCommands ?? [], ...colorOption,
			});
			rows.forEach((text, index) => {
				pieces.push({x: pane.input!.x, y: pane.input!.y + index, text});
			});
		}
	}
	for (const divider of geometry.dividers) {
		for (let row = 0; row < divider.height; row++) pieces.push({x: divider.x, y: divider.y + row, text: paint('│', {color: theme.pane.inactiveBorder}, color ?? true)});
	}
	const focused = focusedSessionId(ui);
	pieces.push({x: 0, y: height - 1, text: statusLineText({
		width, host: view.host, sessions: view.sessions, ...(focused === undefined ? {} : {focusedSessionId: focused}),
		visible: visibleSessions(ui), mode: ui.mode, ...(ui.flash === undefined ? {} : {flash: ui.flash}), readOnly, keymap,
		now: input.now, spinnerFrame, ...colorOption,
	})});
	return {pieces, transcripts: transcriptSpecs(geometry, ui, hintFor(keymap, 'restart-agent'), color)};
}
