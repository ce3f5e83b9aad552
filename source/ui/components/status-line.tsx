/**
The status line (DESIGN §6) as an Ink row: its text comes from `statusLineText` (chrome/chrome-text.ts), which the
first frame drawn before Ink loads uses too.
*/
import {Box, Text} from 'ink';
import {statusLineText, type StatusLineInput} from '../chrome/chrome-text.js';

export type StatusLineProps = StatusLineInput;

export function StatusLine(props: StatusLineProps): React.JSX.Element {
	return (
		<Box width={props.width} height={1} overflow="hidden">
			<Text wrap="truncate">{statusLineText(props)}</Text>
		</Box>
	);
}
