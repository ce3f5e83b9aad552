/**
One pane: a title row (index, title, cwd, mode/model, state), the transcript viewport, and the input on the
focused pane only (DESIGN §6). Renders exactly its rectangle; the App positions it absolutely.
*/
import {Box, Text} from 'ink';
import {memo} from 'react';
import {noSessionText, paneTitleText} from '../chrome/chrome-text.js';
import type {EditorState} from '../input/editor.js';
import {InputBox} from '../input/input-box.js';
import {theme} from '../theme.js';
import {TranscriptView} from '../transcript/transcript-view.js';
import type {PaneGeometry, ScrollState} from '../ui-state.js';
import {inputMaxHeight, scrollOffsetFor, type LineOptions} from '../ui-state.js';

export type PaneFrameProps = {
	readonly geometry: PaneGeometry;
	/** Position of the pane's session in the session list (what `C-b 0-9` selects). */
	readonly number?: number;
	readonly editor: EditorState;
	readonly scroll?: ScrollState;
	readonly zoomed: boolean;
	readonly readOnly: boolean;
	readonly restartKey: string;
	readonly expandThoughts?: boolean;
	/** Shown in the title while the focused pane is in scroll/search mode. */
	readonly modeTag?: string;
	readonly spinnerFrame: number;
	/** The transcript is drawn outside Ink over this pane's blank viewport (pane-transcripts.ts, issue 4). */
	readonly transcriptOutside?: boolean;
	readonly color?: boolean;
};

export const PaneFrame = memo(function PaneFrame(props: PaneFrameProps): React.JSX.Element {
	const {geometry, editor, scroll, readOnly, color} = props;
	const {rect, input, focused, session} = geometry;
	const title = paneTitleText({
		width: rect.width,
		...(session === undefined ? {} : {session}),
		...(props.number === undefined ? {} : {number: props.number}),
		focused,
		zoomed: props.zoomed,
		scrolled: scroll !== undefined,
		...(props.modeTag === undefined ? {} : {modeTag: props.modeTag}),
		spinnerFrame: props.spinnerFrame,
		...(color === undefined ? {} : {color}),
	});
	return (
		<Box position="absolute" left={rect.x} top={rect.y} width={rect.width} height={rect.height} flexDirection="column" overflow="hidden">
			<Box width={rect.width} height={1}>
				<Text wrap="truncate">{title}</Text>
			</Box>
			<Viewport {...props} />
			{input === undefined || session === undefined
				? null
				: (
					<InputBox
						state={editor}
						width={input.width}
						maxHeight={inputMaxHeight(rect.height)}
						queued={session.info.queue}
						focused={focused}
						readOnly={readOnly}
						commands={session.meta.availableCommands ?? []}
						{...(color === undefined ? {} : {color})}
					/>
				)}
		</Box>
	);
});

function Viewport(props: PaneFrameProps): React.JSX.Element {
	const {viewport, session} = props.geometry;
	if (session === undefined) {
		return (
			<Box width={viewport.width} height={viewport.height} overflow="hidden">
				<Text wrap="truncate" color={theme.text.dim}>{noSessionText}</Text>
			</Box>
		);
	}
	// A blank placeholder: the transcript layer paints these cells (and Ink never re-renders for streamed text).
	if (props.transcriptOutside === true) return <Box width={viewport.width} height={viewport.height} />;
	return (
		<TranscriptView
			entries={session.entries}
			width={viewport.width}
			height={viewport.height}
			scrollOffset={scrollOffsetFor(props.scroll, session.entries, viewport.width, viewport.height, lineOptionsOf(props))}
			restartKey={props.restartKey}
			{...(props.expandThoughts === true ? {expandThoughts: true} : {})}
			{...(props.scroll?.search === undefined ? {} : {search: props.scroll.search})}
			{...(props.color === undefined ? {} : {color: props.color})}
		/>
	);
}

function lineOptionsOf(props: PaneFrameProps): LineOptions {
	return props.expandThoughts === true ? {restartKey: props.restartKey, expandThoughts: true} : {restartKey: props.restartKey};
}
