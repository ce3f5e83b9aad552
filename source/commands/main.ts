/**
The CLI's dispatcher (DESIGN §8): meow parses the flags, one command module runs. Command modules are
imported on demand so `agents ls` never loads Ink and the host daemon never loads meow (startup time, §10).
*/
import {CliError, processIo, reportError, type CommandIo} from './io.js';

export const helpText = `
	Usage
	  $ agents [-a AGENT] [--cwd DIR] [-d]       start a host with AGENT in DIR and attach (-d: print its id only)
	  $ agents [--cwd DIR] [-d] -- CMD ARGS…     the same with an ad-hoc agent command
	  $ agents attach ID [--read-only] [--plain] attach to a host (also: agents --attach ID)
	  $ agents ls [--json]                       hosts with agent, phase, sessions, clients; dead ones cleaned
	  $ agents kill ID | agents kill --all       end a host and its agent
	  $ agents new-session ID [--cwd DIR]        open a session; prints its id
	  $ agents send ID [-s SID] [--wait] TEXT    prompt a session (default: the host's first)
	  $ agents cancel ID [-s SID]                cancel a turn (default: every turn in flight)
	  $ agents restart ID                        respawn the agent and restore its sessions
	  $ agents status [ID] [--format FMT]        one line for shell prompts and tmux's status-right
	  $ agents logs [ID] [--json] [--follow] [--grep RE] [--host ID] [--full]
	  $ agents logs --prune --older-than DURATION [--dry-run]
	  $ agents config [path|get KEY|set KEY VALUE|agents]

	ID is a host id, a unique prefix of one, or a unique dot-separated part of one (e.g. "claude").

	Options
	  -a, --agent NAME   configured agent or preset (claude, gemini, codex, opencode, demo)
	  --cwd DIR          working directory of the host or the new session
	  -d, --detach       start the host in the background and print its id
	  -s, --session SID  session id or a unique prefix of one
	  --wait             stream the reply and exit at turn end (3 cancelled, 4 other stop, 5 agent died)
	  --format FMT       #{phase} #{running} #{waiting} #{idle} #{sessions} #{host} #{agent} #{hosts} #{clients}

	Examples
	  $ agents -d -a demo
	  $ agents send demo --wait "hello"
	  $ tmux set -g status-right '#(agents status --format "##{phase} ##{running}/##{sessions}")'
	    (tmux expands #{…} inside #() itself: double the # there)
`;

const flagSpec = {
	agent: {type: 'string', shortFlag: 'a'},
	cwd: {type: 'string'},
	detach: {type: 'boolean', shortFlag: 'd'},
	attach: {type: 'string'},
	readOnly: {type: 'boolean'},
	plain: {type: 'boolean'},
	json: {type: 'boolean'},
	all: {type: 'boolean'},
	session: {type: 'string', shortFlag: 's'},
	wait: {type: 'boolean'},
	format: {type: 'string'},
	follow: {type: 'boolean', shortFlag: 'f'},
	grep: {type: 'string'},
	host: {type: 'string'},
	full: {type: 'boolean'},
	prune: {type: 'boolean'},
	olderThan: {type: 'string'},
	dryRun: {type: 'boolean'},
} as const;

/** Parsed flags as the command modules see them (all optional: one flag set serves every command). */
export type CliFlags = {
	readonly agent?: string;
	readonly cwd?: string;
	readonly detach?: boolean;
	readonly attach?: string;
	readonly readOnly?: boolean;
	readonly plain?: boolean;
	readonly json?: boolean;
	readonly all?: boolean;
	readonly session?: string;
	readonly wait?: boolean;
	readonly format?: string;
	readonly follow?: boolean;
	readonly grep?: string;
	readonly host?: string;
	readonly full?: boolean;
	readonly prune?: boolean;
	readonly olderThan?: string;
	readonly dryRun?: boolean;
};

/** `agents … -- CMD ARGS`: everything after the first `--` is an agent command line (or the text of `send`). */
export function splitAtDoubleDash(argv: readonly string[]): {readonly before: string[]; readonly after: string[] | undefined} {
	const index = argv.indexOf('--');
	if (index === -1) return {before: [...argv], after: undefined};
	return {before: argv.slice(0, index), after: argv.slice(index + 1)};
}

function usage(message: string): CliError {
	return new CliError(`${message} (see agents --help)`, 2);
}

function needId(input: readonly string[], command: string): string {
	const id = input[0];
	if (!id) throw usage(`${command} needs a host id`);
	return id;
}

/** `--attach ID`, `attach ID`, each optionally with `--read-only`; anything else goes through meow. */
export function quickAttach(argv: readonly string[]): {readonly id: string; readonly readOnly: boolean} | undefined {
	const rest = argv.filter(argument => argument !== '--read-only');
	const readOnly = rest.length === argv.length - 1;
	if (argv.length - rest.length > 1 || rest.length !== 2) return undefined;
	const [verb, id] = rest as [string, string];
	if ((verb !== '--attach' && verb !== 'attach') || id.startsWith('-')) return undefined;
	return {id, readOnly};
}

export async function main(argv: readonly string[], io: CommandIo = processIo()): Promise<number> {
	try {
		// Hidden entries first: the daemon and the demo agent must not pay for meow or print help.
		if (argv[0] === '__host') {
			const {hostMain} = await import('./host-main.js');
			return await hostMain(argv.slice(1), io);
		}

		if (argv[0] === '__demo-agent') {
			const {demoAgentMain} = await import('./demo-agent-main.js');
			return await demoAgentMain(argv.slice(1));
		}

		// Re-attaching is the hot path after an SSH drop: meow reads and normalises package.json (~30 ms), which
		// `agents --attach ID` / `agents attach ID [--read-only]` do not need (DESIGN §10 attach budget).
		const quick = quickAttach(argv);
		if (quick) {
			const {attachCommand} = await import('./attach.js');
			return await attachCommand(quick.id, {readOnly: quick.readOnly}, io);
		}

		const {before, after} = splitAtDoubleDash(argv);
		const {default: meow} = await import('meow');
		const cli = meow(helpText, {importMeta: import.meta, argv: before, flags: flagSpec, allowUnknownFlags: false});
		const flags = cli.flags as CliFlags;
		const [command, ...input] = cli.input;
		return await dispatch(command, input, after, flags, io);
	} catch (error) {
		return reportError(io, error);
	}
}

async function dispatch(command: string | undefined, input: readonly string[], after: readonly string[] | undefined, flags: CliFlags, io: CommandIo): Promise<number> {
	if (command === undefined && flags.attach !== undefined) {
		const {attachCommand} = await import('./attach.js');
		return attachCommand(flags.attach, flags, io);
	}

	switch (command) {
		case undefined: {
			const {startCommand} = await import('./start.js');
			return startCommand({agent: flags.agent, cwd: flags.cwd, detach: flags.detach ?? false, commandLine: after, readOnly: flags.readOnly, plain: flags.plain}, io);
		}

		case 'attach': {
			const {attachCommand} = await import('./attach.js');
			return attachCommand(needId(input, 'attach'), flags, io);
		}

		case 'ls':
		case 'list': {
			const {lsCommand} = await import('./ls.js');
			return lsCommand({json: flags.json ?? false}, io);
		}

		case 'kill': {
			const {killCommand} = await import('./kill.js');
			if (!flags.all && input.length === 0) throw usage('kill needs a host id or --all');
			return killCommand({ids: input, all: flags.all ?? false}, io);
		}

		case 'new-session': {
			const {newSessionCommand} = await import('./new-session.js');
			return newSessionCommand(needId(input, 'new-session'), {cwd: flags.cwd}, io);
		}

		case 'send': {
			const {sendCommand} = await import('./send.js');
			const id = needId(input, 'send');
			const text = [...input.slice(1), ...(after ?? [])].join(' ');
			if (text.trim() === '') throw usage('send needs the text of the prompt');
			return sendCommand(id, text, {session: flags.session, wait: flags.wait ?? false}, io);
		}

		case 'cancel': {
			const {cancelCommand} = await import('./cancel.js');
			return cancelCommand(needId(input, 'cancel'), {session: flags.session}, io);
		}

		case 'restart': {
			const {restartCommand} = await import('./restart.js');
			return restartCommand(needId(input, 'restart'), io);
		}

		case 'status': {
			const {statusCommand} = await import('./status.js');
			return statusCommand(input[0], {format: flags.format, json: flags.json ?? false}, io);
		}

		case 'logs': {
			const {logsCommand} = await import('./logs.js');
			return logsCommand(input, {
				json: flags.json,
				follow: flags.follow,
				grep: flags.grep,
				host: flags.host,
				full: flags.full,
				prune: flags.prune,
				olderThan: flags.olderThan,
				dryRun: flags.dryRun,
			}, io);
		}

		case 'config': {
			const {configCommand} = await import('./config.js');
			return configCommand([...input, ...(after ?? [])], io);
		}

		default: {
			throw usage(`unknown command: ${command}`);
		}
	}
}
