// Runs under any Node >= 18 (the system Node 20 on a fresh clone): installs dependencies when they are
// missing (which brings the pinned Node 24 of the `node` package) and rebuilds the bundle when a source
// file is newer than it. `npm test` / `npm start` call it first, so a fresh clone needs nothing else.
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pinnedNode = join(root, 'node_modules', 'node', 'bin', 'node');

function newestMtime(path) {
	let newest = 0;
	for (const name of readdirSync(path, {withFileTypes: true})) {
		const full = join(path, name.name);
		newest = Math.max(newest, name.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
	}
	return newest;
}

if (!existsSync(pinnedNode) || !existsSync(join(root, 'node_modules', '.package-lock.json'))) {
	process.stderr.write('agents: installing dependencies (first run)…\n');
	execFileSync(npm, [existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install', '--no-audit', '--no-fund'], {
		cwd: root,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
}

const bundle = join(root, 'dist', 'cli.js');
const sourceTime = Math.max(newestMtime(join(root, 'source')), statSync(join(root, 'cli.tsx')).mtimeMs);
if (!existsSync(bundle) || statSync(bundle).mtimeMs < sourceTime) {
	execFileSync(pinnedNode, [join(root, 'scripts', 'build.mjs')], {cwd: root, stdio: ['ignore', 'inherit', 'inherit']});
}
