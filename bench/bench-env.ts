/** Shared bench plumbing: private XDG/runtime dirs so a bench never touches the user's hosts or logs. */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

export type BenchRow = {readonly metric: string; readonly value: number; readonly unit: string; readonly budget: string};

export const projectRoot = resolve(import.meta.dirname, '..');

export function benchEnvironment(name: string): {env: NodeJS.ProcessEnv; root: string; cleanup(): void} {
	const root = mkdtempSync(join(tmpdir(), `agents-bench-${name}-`));
	const env = {
		...process.env,
		AGENTS_STATE_DIR: join(root, 'state'),
		AGENTS_TMPDIR: join(root, 'run'),
		AGENTS_CONFIG_DIR: join(root, 'config'),
	};
	return {env, root, cleanup: () => rmSync(root, {recursive: true, force: true})};
}
