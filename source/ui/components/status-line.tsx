/**
The status line (DESIGN §6): host id and agent, the session list with per-session marks (spinner running, `!`
waiting, `·` idle…), the aggregate phase with counts (`running 2 · waiting 1`) and a clock. A flash message
(refused action, error, banner) is shown first, ahead of the host id, until the next key.
*/
import {Box, Text} from 'ink';
import type {Keymap} from '../../config/keymap.js';
import {hintFor} from '../../config/keymap.js';
import type {HostStatus} from '../../model/types.js';
import {clockText, phaseSummary, stateMark} from '../phase-summary.js';
import type {SessionView} from '../store/client-store.js';
import {theme} from '../theme.js';
import type {Flash, Mode} from '../ui-state.js';
import {sessionLabel} from './pane-frame.js';

export type StatusLineProps = {
	readonly width: number;
	readonly host: HostStatus;
	readonly sessions: readonly SessionView[];
	readonly focusedSessionId?: string;
	readonly visible: ReadonlySet<string>;
	readonly mode: Mode;
	readonly flash?: Flash;
	readonly readOnly: boolean;
	readonly keymap: Keymap;
	readonly now: Date;
	readonly spinnerFrame: number;
};

const stateColors: Readonly<Record<string, string>> = {
	running: theme.status.running,
	waiting: theme.status.waiting,
	cancelling: theme.status.warning,
	idle: theme.status.idle,
	interrupted: theme.status.error,
	stopped: theme.status.stopped,
	ended: theme.text.dim,
};

const phaseColors: Readonly<Record<string, string>> = {
	starting: theme.status.info,
	idle: theme.status.idle,
	running: theme.status.running,
	waiting: theme.status.waiting,
	stopped: theme.status.stopped,
};

const flashColors = {info: theme.status.info, warning: theme.status.warning, error: theme.status.error} as const;

export function StatusLine(props: StatusLineProps): React.JSX.Element {
	const {host, sessions, keymap} = props;
	const summary = phaseSummary(host, sessions.map(session => session.info));
	const modeTag = props.mode === 'prefix' ? `[${keymap.prefix}] ` : props.mode === 'scroll' || props.mode === 'search' ? '[scroll] ' : '';
	const stoppedHint = host.phase === 'stopped' ? ` (${hintFor(keymap, 'restart-agent')} restarts)` : '';
	const right = ` ${summary}${stoppedHint} │ ${clockText(props.now)}`;
	return (
		<Box width={props.width} height={1} overflow="hidden">
			<Box flexGrow={1} flexShrink={1} overflow="hidden">
				<Text wrap="truncate">
					<Text color={theme.status.warning} bold>{modeTag}</Text>
					{props.flash === undefined ? null : <Text color={flashColors[props.flash.level]}>{`${props.flash.text} │ `}</Text>}
					<Text color={theme.text.accent}>{`[${host.hostId}] ${host.agent.name}`}</Text>
					{props.readOnly ? <Text color={theme.status.warning}> [read-only]</Text> : null}
					{sessions.map((session, index) => {
						const focused = session.info.id === props.focusedSessionId;
						const mark = stateMark(session.info.state, props.spinnerFrame);
						return (
							<Text key={session.info.id}>
								{' '}
								<Text inverse={focused} bold={props.visible.has(session.info.id)}>{`${index}:${sessionLabel(session)}`}</Text>
								<Text color={stateColors[session.info.state]}>{mark}</Text>
							</Text>
						);
					})}
				</Text>
			</Box>
			{/* The phase and clock never shrink: they are what the line is for. */}
			<Box flexShrink={0}>
				<Text color={phaseColors[host.phase]}>{right}</Text>
			</Box>
		</Box>
	);
}
