/**
Full-area overlays: help (generated from the keymap table), the confirm dialog for ending a session, and the
"too small" notice for terminals under 80×24 (issue 4 §7).
*/
import {Box, Text} from 'ink';
import {helpLines, type Keymap, type KeyScope} from '../../config/keymap.js';
import {minimumSize, type Rect} from '../layout/pane-tree.js';
import {theme} from '../theme.js';
import type {Dialog} from '../ui-state.js';

const scopeTitles: Readonly<Record<KeyScope, (prefix: string) => string>> = {
	prefix: prefix => `after the prefix ${prefix}:`,
	root: () => 'without the prefix:',
	scroll: () => 'in scroll mode:',
};

export function Help(props: {readonly width: number; readonly height: number; readonly keymap: Keymap}): React.JSX.Element {
	const lines = helpLines(props.keymap);
	const column = (scopes: readonly KeyScope[], extra: readonly string[]) => {
		const out: React.JSX.Element[] = [];
		for (const scope of scopes) {
			out.push(<Text key={scope} bold color={theme.text.accent}>{scopeTitles[scope](props.keymap.prefix)}</Text>);
			for (const line of lines.filter(candidate => candidate.scope === scope)) {
				out.push(<Text key={`${scope}-${line.keys}`} wrap="truncate">{`  ${line.keys.padEnd(11)} ${line.help}`}</Text>);
			}
		}
		for (const text of extra) out.push(<Text key={text} wrap="truncate" color={theme.text.secondary}>{text}</Text>);
		return out;
	};
	const half = Math.floor(props.width / 2);
	return (
		<Box position="absolute" left={0} top={0} width={props.width} height={props.height} flexDirection="column" overflow="hidden">
			<Text bold wrap="truncate">agents keys (any key closes)</Text>
			<Box flexDirection="row">
				<Box width={half} flexDirection="column" overflow="hidden">{column(['prefix'], [])}</Box>
				<Box width={props.width - half} flexDirection="column" overflow="hidden">
					{column(['root', 'scroll'], [
						'permission (input empty): 1-9 option,',
						'  a/A allow once/always, r/R reject once/always',
						'input: Enter send · Alt-Enter/C-j newline',
					])}
				</Box>
			</Box>
		</Box>
	);
}

function confirmText(dialog: Dialog, label: string): string {
	return dialog.busy
		? `"${label}" is busy. c: cancel the turn, then end · n: keep it`
		: `End session "${label}"? y: end · n: keep it`;
}

/** Where the confirm dialog sits in an area of `width`×`height` (the pane transcripts leave it alone). */
export function confirmRect(width: number, height: number, dialog: Dialog, label: string): Rect {
	const boxWidth = Math.min(width - 4, Math.max(30, confirmText(dialog, label).length + 4));
	return {x: Math.floor((width - boxWidth) / 2), y: Math.max(0, Math.floor(height / 2) - 2), width: boxWidth, height: 3};
}

export function Confirm(props: {readonly width: number; readonly height: number; readonly dialog: Dialog; readonly label: string}): React.JSX.Element {
	const text = confirmText(props.dialog, props.label);
	const rect = confirmRect(props.width, props.height, props.dialog, props.label);
	return (
		<Box position="absolute" left={rect.x} top={rect.y} width={rect.width} height={rect.height} borderStyle="round" borderColor={theme.status.warning} overflow="hidden">
			{/* Padded to the dialog's inner width so the pane text underneath does not show through. */}
			<Text wrap="truncate">{text.padEnd(rect.width - 2)}</Text>
		</Box>
	);
}

export function TooSmall(props: {readonly width: number; readonly height: number}): React.JSX.Element {
	return (
		<Box width={props.width} height={props.height} overflow="hidden" flexDirection="column">
			<Text wrap="wrap" color={theme.status.warning}>{`terminal too small: ${props.width}×${props.height} (agents needs ${minimumSize.width}×${minimumSize.height})`}</Text>
		</Box>
	);
}
