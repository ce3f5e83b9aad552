/**
One pane: a title row (index, title, cwd, mode/model, state), the transcript viewport, and the input on the
focused pane only (DESIGN §6). Renders exactly its rectangle; the App positions it absolutely.
*/
import {homedir} from 'node:os';
import {Box, Text} from 'ink';
import {memo} from 'react';
import {modelOf, modeOf} from '../../model/transcript.js';
import type {EditorState} from '../input/editor.js';
import {InputBox} from '../input/input-box.js';
import type {SessionView} from '../store/client-store.js';
import {theme} from '../theme.js';
import {TranscriptView} from '../transcript/transcript-view.js';
import type {PaneGeometry, ScrollState} from '../ui-state.js';
import {inputMaxHeight, scrollOffsetFor, type LineOptions} from '../ui-state.js';
import {stateMark} from '../phase-summary.js';

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

export function shortCwd(cwd: string, home = homedir()): string {
	if (home !== '' && (cwd === home || cwd.startsWith(`${home}/`))) return `~${cwd.slice(home.length)}`;
	return cwd;
}

export function sessionLabel(session: SessionView): string {
	return session.info.title?.trim() || session.info.id.slice(0, 8);
}

function titleText(props: PaneFrameProps, session: SessionView): string {
	const {info, meta} = session;
	const mode = info.mode ?? modeOf(meta);
	const model = info.model ?? modelOf(meta);
	const parts = [
		`${props.number ?? '?'} ${sessionLabel(session)}`,
		shortCwd(info.cwd),
		[mode, model].filter(Boolean).join('/'),
		`${info.state === 'running' ? `${stateMark(info.state, props.spinnerFrame)} ` : ''}${info.state}${info.logDegraded ? ' · log degraded' : ''}`,
	].filter(part => part !== '');
	return parts.join(' · ');
}

export const PaneFrame = memo(function PaneFrame(props: PaneFrameProps): React.JSX.Element {
	const {geometry, editor, scroll, readOnly, color} = props;
	const {rect, viewport, input, focused, session} = geometry;
	const tags = [props.modeTag, props.zoomed && focused ? 'zoom' : undefined, scroll !== undefined && props.modeTag === undefined ? 'scrolled' : undefined]
		.filter(Boolean).map(tag => `[${tag}]`).join(' ');
	const title = session === undefined ? 'no session' : titleText(props, session);
	const titleColor = focused ? theme.pane.activeBorder : theme.pane.inactiveBorder;
	return (
		<Box position="absolute" left={rect.x} top={rect.y} width={rect.width} height={rect.height} flexDirection="column" overflow="hidden">
			<Box width={rect.width} height={1}>
				<Box flexGrow={1} flexShrink={1} overflow="hidden">
					<Text wrap="truncate" color={titleColor} bold={focused} inverse={focused}>{`${focused ? '▶' : ' '} ${title} `}</Text>
				</Box>
				{tags === '' ? null : <Text color={theme.status.warning}>{` ${tags}`}</Text>}
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
				<Text wrap="truncate" color={theme.text.dim}>no session here: C-b c starts one</Text>
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
