/**
How to start this program again (DESIGN §4.1: the spawner re-runs itself as `__host`, the host runs the demo
agent as `__demo-agent`). The entry is `process.argv[1]` (the bundle, or `cli.tsx` in a dev run) plus any
loader flags such as `--import tsx` from `process.execArgv`, so a dev run re-spawns under the same loader.
*/
const loaderFlags = new Set(['--import', '--loader', '--experimental-loader', '--require', '-r']);

export function selfEntry(argv: readonly string[] = process.argv, execArgv: readonly string[] = process.execArgv): string[] {
	const flags: string[] = [];
	for (let index = 0; index < execArgv.length; index++) {
		const argument = execArgv[index] ?? '';
		if (loaderFlags.has(argument)) {
			const value = execArgv[index + 1];
			if (value !== undefined) flags.push(argument, value);
			index++;
		} else if ([...loaderFlags].some(flag => argument.startsWith(`${flag}=`))) {
			flags.push(argument);
		}
	}

	const script = argv[1];
	if (!script) throw new Error('cannot tell how this program was started (process.argv[1] is empty)');
	return [...flags, script];
}

/** The demo agent's command line (DESIGN §9: the built-in agent runs as a child of the host). */
export function demoAgentCommand(demoStateDir: string, entry: readonly string[] = selfEntry()): {command: string; args: string[]} {
	return {command: process.execPath, args: [...entry, '__demo-agent', '--state-dir', demoStateDir]};
}
