/**
The focused pane's input: queued prompts ("queued 2: …"), the prompt marker with the wrapped text and an inverse
cursor cell, and the slash-command completion list. Renders exactly `inputBoxHeight(...)` rows of `width` cells so
the shell can reserve the space before rendering (DESIGN §6: a frame never taller than the terminal).
*/
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {EditorState} from './editor.js';
import {inputBoxHeight, inputRows, type InputLayoutOptions} from './input-layout.js';

export {inputBoxHeight} from './input-layout.js';

export type InputBoxProps = InputLayoutOptions & {readonly state: EditorState};

const Row = memo(function Row({text}: {readonly text: string}) {
	return <Text wrap="truncate">{text === '' ? ' ' : text}</Text>;
});

export function InputBox(props: InputBoxProps): React.JSX.Element {
	const rows = inputRows(props.state, props);
	const height = inputBoxHeight(props.state, props.width, props.maxHeight, props.queued.length, props.readOnly ?? false);
	return (
		<Box flexDirection="column" width={props.width} height={height} overflow="hidden">
			{rows.map((text, index) => <Row key={index} text={text} />)}
		</Box>
	);
}
