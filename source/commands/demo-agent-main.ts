/** `agents __demo-agent --state-dir DIR`: the built-in offline agent, as the host spawns it (DESIGN §9). */
import {join} from 'node:path';
import {stateDir} from '../config/paths.js';
import {runDemoAgent} from '../demo-agent/demo-agent.js';

export async function demoAgentMain(argv: readonly string[]): Promise<number> {
	const index = argv.indexOf('--state-dir');
	const dir = index === -1 ? undefined : argv[index + 1];
	await runDemoAgent({stateDir: dir ?? join(stateDir(), 'demo-agent')});
	return 0;
}
