/**
`agents [-a AGENT] [--cwd DIR] [-d] [-- CMD ARGS]`: mint a host id, start the host daemon detached and
either print its id (`-d`) or attach to it (DESIGN §4.1, §8). The agent is resolved here only to name the
host id and show the banner; the host resolves it again from the same config (it reads config once, §9).
*/
import {join, resolve} from 'node:path';
import {resolveAgent} from '../config/agents.js';
import {loadConfig} from '../config/config.js';
import {stateDir} from '../config/paths.js';
import {connectToHost} from '../ipc/host-client.js';
import {spawnHostDaemon} from '../ipc/spawn-host.js';
import {attachCommand} from './attach.js';
import {writeOut, type CommandIo} from './io.js';
import {demoAgentCommand, selfEntry} from './self-entry.js';

export type StartOptions = {
	readonly agent?: string;
	readonly cwd?: string;
	readonly detach: boolean;
	readonly commandLine?: readonly string[];
	readonly readOnly?: boolean;
	readonly plain?: boolean;
};

export async function startCommand(options: StartOptions, io: CommandIo): Promise<number> {
	const cwd = resolve(options.cwd ?? process.cwd());
	const commandLine = options.commandLine?.length ? options.commandLine : undefined;
	const entry = selfEntry();
	const config = loadConfig(io.env);
	const agent = resolveAgent(config, {
		agent: options.agent,
		commandLine,
		demoCommand: demoAgentCommand(join(stateDir(io.env), 'demo-agent'), entry),
		env: io.env,
	});
	const hostArgs = ['--cwd', cwd];
	if (commandLine) hostArgs.push('--', ...commandLine);
	else if (options.agent) hostArgs.push('--agent', options.agent);
	const spawned = await spawnHostDaemon({entry, agentName: agent.name, cwd, hostArgs, env: io.env});
	if (options.detach) {
		if (agent.banner) io.stderr.write(`agents: ${agent.banner}\n`);
		await writeOut(io, `${spawned.hostId}\n`);
		return 0;
	}

	// Like tmux's first window: a new interactive host opens its first session, so the user can type at once.
	const client = await connectToHost(spawned.socketPath, {kind: 'cli', name: 'start'});
	try {
		await client.newSession({cwd});
	} catch (error) {
		io.stderr.write(`agents: could not open the first session: ${(error as Error).message}\n`);
	} finally {
		client.close();
	}

	return attachCommand(spawned.hostId, {readOnly: options.readOnly, plain: options.plain}, io, agent.banner);
}
