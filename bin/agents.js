#!/usr/bin/env node
// Launcher: Ink 8, execa 10 and conf 16 need Node >= 22. When started by an older system Node, re-run
// the bundle with the Node 24 pinned in node_modules (the `node` package), passing stdio straight through.
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli.js');
const major = Number(process.versions.node.split('.')[0]);
if (major >= 22) {
	await import(bundle);
} else {
	const pinned = join(root, 'node_modules', 'node', 'bin', 'node');
	if (!existsSync(pinned)) {
		process.stderr.write(`agents: needs Node >= 22 (this is ${process.version}); run npm install in ${root}\n`);
		process.exit(1);
	}
	// Signals reach the child directly (same process group); the parent only waits and forwards the status.
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
	const result = spawnSync(pinned, [bundle, ...process.argv.slice(2)], {stdio: 'inherit'});
	process.exit(result.status ?? 1);
}
