// Runs under any Node >= 18 (the system Node 20 on a fresh clone): installs dependencies when they are
// missing or older than package-lock.json (which brings the pinned Node 24 of the `node` package) and rebuilds
// the bundle when a source file is newer than it. `npm test` / `npm start` call it first, so a fresh clone needs nothing else.
import {execFileSync} from 'node:child_process';
import {existsSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {bundleIsStale} from './bundle-stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pinnedNode = join(root, 'node_modules', 'node', 'bin', 'node');

// npm writes node_modules/.package-lock.json on every install: a lockfile newer than it (a pull that changed the
// dependencies) means the installed tree is stale. `npm install` writes both within milliseconds, in either order.
const lockfile = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
const stale = existsSync(lockfile) && existsSync(installed) && statSync(lockfile).mtimeMs > statSync(installed).mtimeMs + 2000;
if (!existsSync(pinnedNode) || !existsSync(installed) || stale) {
	process.stderr.write(`agents: installing dependencies (${stale ? 'package-lock.json changed' : 'first run'})…\n`);
	execFileSync(npm, [existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install', '--no-audit', '--no-fund'], {
		cwd: root,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
}

if (bundleIsStale(root)) {
	execFileSync(pinnedNode, [join(root, 'scripts', 'build.mjs')], {cwd: root, stdio: ['ignore', 'inherit', 'inherit']});
}
