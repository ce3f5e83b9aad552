// Whether dist/cli.js must be rebuilt: missing, or older than anything that goes into it (the sources, the
// entry, the build scripts, the installed dependencies). Plain JS for Node >= 18: bootstrap.mjs runs it under
// the system Node; the e2e harness and the bench import it too, so all three agree.
import {existsSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
	return newest;
}

export function bundleIsStale(root) {
	const bundle = join(root, 'dist', 'cli.js');
	if (!existsSync(bundle)) return true;
	const inputs = ['source', 'cli.tsx', 'scripts/build.mjs', 'scripts/build-options.mjs', 'node_modules/.package-lock.json'];
	return statSync(bundle).mtimeMs < Math.max(...inputs.map(input => newestMtime(join(root, input))));
}
