/**
A pane's transcript viewport: exactly `width`×`height` cells (DESIGN §6: a frame never taller than the terminal),
one memoised `<Text wrap="truncate">` row per line so unchanged rows skip reconciliation (ink-notes A2: memoise rows,
Gatsby #21955) from `buildRows` (viewport-rows.ts). The TUI itself draws transcripts outside Ink
(source/ui/pane-transcripts.ts); this view serves component tests and `AGENTS_RENDERER=ink`.
*/
import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import {buildRows, type ViewportRowsOptions} from './viewport-rows.js';

export type TranscriptViewProps = ViewportRowsOptions;

const Row = memo(function Row({text}: {readonly text: string}) {
	// An empty <Text> collapses to zero height; a space keeps the row.
	return <Text wrap="truncate">{text === '' ? ' ' : text}</Text>;
});

export function TranscriptView(props: TranscriptViewProps): React.JSX.Element {
	const {entries, width, height, scrollOffset, search, expandThoughts, restartKey, color} = props;
	const rows = useMemo(
		() => buildRows({entries, width, height, scrollOffset, search, expandThoughts, restartKey, color}),
		[entries, width, height, scrollOffset, search?.query, search?.active, expandThoughts, restartKey, color],
	);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{rows.map((text, index) => (
				// Rows are positional: row i is always the viewport's i-th line.
				<Row key={index} text={text} />
			))}
		</Box>
	);
}

