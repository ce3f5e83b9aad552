/**
Tells the transcript layer (pane-transcripts.ts) which session each visible viewport shows, how it is scrolled,
and where the confirm dialog covers it (issue 4: transcripts are painted outside Ink).
*/
import {useLayoutEffect} from 'react';
import type {Rect} from '../layout/pane-tree.js';
import {transcriptSpecs, type TranscriptLayer} from '../pane-transcripts.js';
import type {FrameGeometry, UiState} from '../ui-state.js';

export type TranscriptLayerInput = {
	readonly geometry: FrameGeometry;
	readonly ui: UiState;
	readonly restartKey: string;
	readonly dialogRect?: Rect;
	readonly color?: boolean;
};

export function useTranscriptLayer(layer: TranscriptLayer | undefined, input: TranscriptLayerInput): void {
	const {geometry, ui, restartKey, dialogRect, color} = input;
	// A layout effect: the transcripts must reach the terminal output in the same commit as Ink's frame of the chrome.
	useLayoutEffect(() => {
		layer?.show(transcriptSpecs(geometry, ui, restartKey, color), dialogRect === undefined ? [] : [dialogRect]);
	}, [layer, ui.mode, geometry, ui.scroll, ui.expandThoughts, restartKey, dialogRect?.x, dialogRect?.y, dialogRect?.width, dialogRect?.height, color]);
}
