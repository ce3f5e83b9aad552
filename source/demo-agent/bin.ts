/**
Stand-alone entry of the demo agent: `node --import tsx source/demo-agent/bin.ts --state-dir DIR` (tests).
Production runs the same through the bundle as `agents __demo-agent --state-dir DIR`.
*/
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runDemoAgent} from './demo-agent.js';

function stateDirArgument(argv: readonly string[]): string {
	const index = argv.indexOf('--state-dir');
	const inline = argv.find((argument) => argument.startsWith('--state-dir='));
	return (index === -1 ? undefined : argv[index + 1]) ?? inline?.slice('--state-dir='.length) ?? join(tmpdir(), 'agents-demo-agent');
}

await runDemoAgent({stateDir: stateDirArgument(process.argv.slice(2))});
