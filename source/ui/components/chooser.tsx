/**
The session chooser (`C-b w`): every session with its state mark, cwd and last line; the highlighted one's
pending permission is shown with its keys so it can be answered from here (peers §4.1 #3: a cross-session
permission inbox). Keys are handled by the root key router.
*/
import {Box, Text} from 'ink';
import {stateMark} from '../phase-summary.js';
import type {SessionView} from '../store/client-store.js';
import {theme} from '../theme.js';
import {sessionLabel, shortCwd} from '../chrome/chrome-text.js';

export type ChooserProps = {
	readonly width: number;
	readonly height: number;
	readonly sessions: readonly SessionView[];
	readonly selected: number;
	readonly spinnerFrame: number;
};

const kindLetters: Readonly<Record<string, string>> = {allow_once: 'a', allow_always: 'A', reject_once: 'r', reject_always: 'R'};

export function Chooser(props: ChooserProps): React.JSX.Element {
	const {sessions, width, height} = props;
	const rows: React.JSX.Element[] = [];
	const selected = sessions[props.selected];
	const pending = selected?.info.pendingPermissions[0];
	const detailRows = pending === undefined ? 0 : 2;
	// Keep the highlighted row on screen: a window of the list around it.
	const listRows = Math.max(1, height - 2 - detailRows);
	const start = Math.max(0, Math.min(props.selected - Math.floor(listRows / 2), sessions.length - listRows));
	for (const [offset, session] of sessions.slice(start, start + listRows).entries()) {
		const index = start + offset;
		const highlighted = index === props.selected;
		const {info} = session;
		const line = `${highlighted ? '▶' : ' '} ${index} ${stateMark(info.state, props.spinnerFrame)} ${sessionLabel(session)}  ${info.state}  ${shortCwd(info.cwd)}  ${session.lastLine ?? ''}`;
		rows.push(
			<Text key={info.id} wrap="truncate" inverse={highlighted} color={info.state === 'waiting' ? theme.status.waiting : undefined}>{line}</Text>,
		);
		if (highlighted && pending !== undefined) {
			const keys = pending.options.map((option, position) => `${position + 1}${kindLetters[option.kind] === undefined ? '' : `/${kindLetters[option.kind]}`} ${option.name}`).join('  ');
			rows.push(
				<Text key={`${info.id}-permission`} wrap="truncate" color={theme.transcript.permission}>{`    ⚠ permission: ${pending.title}`}</Text>,
				<Text key={`${info.id}-keys`} wrap="truncate">{`      ${keys}`}</Text>,
			);
		}
	}
	return (
		<Box position="absolute" left={0} top={0} width={width} height={height} flexDirection="column" overflow="hidden">
			<Text wrap="truncate" bold color={theme.text.accent}>choose a session: Enter show · ↑↓ move · 1-9 a A r R answer · x end · q close</Text>
			{sessions.length === 0 ? <Text color={theme.text.dim}>no sessions</Text> : rows}
		</Box>
	);
}
