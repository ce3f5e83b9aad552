/**
Where agents keeps its files (DESIGN §4.1, §7, §9). Every location can be moved by an environment
variable so tests run against private directories.
*/
import {homedir, tmpdir} from 'node:os';
import {join} from 'node:path';

type Environment = Readonly<Record<string, string | undefined>>;

/** `$AGENTS_STATE_DIR`, else `$XDG_STATE_HOME/agents`, else `~/.local/state/agents`. */
export function stateDir(env: Environment = process.env): string {
	if (env['AGENTS_STATE_DIR']) return env['AGENTS_STATE_DIR'];
	const xdg = env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
	return join(xdg, 'agents');
}

/** `…/sessions/<host-id>/`: one JSONL file per session. */
export function sessionLogDir(hostId: string, env: Environment = process.env): string {
	return join(stateDir(env), 'sessions', hostId);
}

export function sessionLogsRoot(env: Environment = process.env): string {
	return join(stateDir(env), 'sessions');
}

/** `…/hosts/<host-id>.log`: the host's own diagnostic log. */
export function hostLogPath(hostId: string, env: Environment = process.env): string {
	return join(stateDir(env), 'hosts', `${hostId}.log`);
}

/**
`$AGENTS_TMPDIR`, else `${TMPDIR:-/tmp}/agents-<uid>`, like tmux; not `$XDG_RUNTIME_DIR`, which logind
deletes at logout while hosts must outlive the login (docs/host-architecture-notes.md §1.2).
*/
export function runtimeRoot(env: Environment = process.env): string {
	if (env['AGENTS_TMPDIR']) return env['AGENTS_TMPDIR'];
	const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
	return join(env['TMPDIR'] || tmpdir(), `agents-${uid}`);
}

/** `$AGENTS_CONFIG_DIR`, else `$XDG_CONFIG_HOME/agents`, else `~/.config/agents`. */
export function configDir(env: Environment = process.env): string {
	if (env['AGENTS_CONFIG_DIR']) return env['AGENTS_CONFIG_DIR'];
	return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'agents');
}

/** Sanitize a file-name or id part to `[A-Za-z0-9_-]`. */
export function sanitizePart(part: string, fallback = 'x'): string {
	const clean = part.replaceAll(/[^\w-]+/g, '-').replaceAll(/^-+|-+$/g, '');
	return clean || fallback;
}

/** Compact UTC timestamp without dashes, e.g. `20261121T221046Z`. */
export function compactTimestamp(date: Date): string {
	return date.toISOString().replaceAll(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
