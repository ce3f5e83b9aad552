/**
A private tmux server for end-to-end TUI tests (DESIGN §12): `tmux -L <unique>` with its own config, so a test
never touches the user's tmux. Keys go in with `send-keys`, screens come back with `capture-pane -p`, and every
wait polls the captured screen with a timeout instead of sleeping.
*/
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

export type TmuxOptions = {
	/** The server's (and so every pane's) environment. */
	readonly env: NodeJS.ProcessEnv;
	readonly cwd: string;
	/** `default-terminal`, which tmux exports as TERM in its panes (default `screen-256color`). */
	readonly term?: string;
};

export type Tmux = {
	/** The `-L` socket name. */
	readonly name: string;
	/** A detached session of exactly `width`×`height` running `sh` (no status bar, so the pane is the window). */
	newSession(session: string, width: number, height: number): Promise<void>;
	/** `send-keys` with tmux key names (`C-b`, `Enter`, `Escape`, `Up`); all names go in one command. */
	keys(target: string, ...keys: string[]): Promise<void>;
	/** Literal text (`send-keys -l`), then Enter when asked. */
	type(target: string, text: string, enter?: boolean): Promise<void>;
	capture(target: string): Promise<string>;
	/** Poll the pane until `check` passes; fails with `what` and the last screen. */
	waitFor(target: string, what: string, check: RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
	/** The pid of the pane's shell. */
	panePid(target: string): Promise<number>;
	kill(): Promise<void>;
};

export function createTmux(options: TmuxOptions): Tmux {
	const name = `agents-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	const configDir = mkdtempSync(join(tmpdir(), 'agents-tmux-'));
	const config = join(configDir, 'tmux.conf');
	writeFileSync(config, [
		`set -g default-terminal ${options.term ?? 'screen-256color'}`,
		'set -g status off',
		// Not `history-limit` or `window-size` here: tmux 3.3a's server dies on them in a config read at start.
		'',
	].join('\n'));
	// A test run from inside tmux must not talk to the outer server.
	// TMUX_TMPDIR: the server's socket lives in our temp dir, so removing that dir leaves nothing behind.
	const env: NodeJS.ProcessEnv = {...options.env, PS1: '$ ', ENV: '', TMUX_TMPDIR: configDir};
	delete env.TMUX;
	delete env.TMUX_PANE;
	const tmux = async (...args: string[]): Promise<string> => {
		const {stdout} = await run('tmux', ['-L', name, '-f', config, ...args], {env, cwd: options.cwd});
		return stdout;
	};

	return {
		name,
		async newSession(session, width, height) {
			await tmux('new-session', '-d', '-s', session, '-x', String(width), '-y', String(height), 'sh');
		},
		async keys(target, ...keys) {
			await tmux('send-keys', '-t', target, ...keys);
		},
		async type(target, text, enter = false) {
			await tmux('send-keys', '-t', target, '-l', text);
			if (enter) await tmux('send-keys', '-t', target, 'Enter');
		},
		async capture(target) {
			return tmux('capture-pane', '-p', '-t', target);
		},
		async waitFor(target, what, check, timeoutMs = 10_000) {
			const test = typeof check === 'function' ? check : (screen: string) => check.test(screen);
			const deadline = Date.now() + timeoutMs;
			let screen = '';
			for (;;) {
				screen = await tmux('capture-pane', '-p', '-t', target);
				if (test(screen)) return screen;
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen of ${target}:\n${screen}`);
				await new Promise(resolve => setTimeout(resolve, 40));
			}
		},
		async panePid(target) {
			return Number((await tmux('display-message', '-p', '-t', target, '#{pane_pid}')).trim());
		},
		async kill() {
			await tmux('kill-server').catch(() => undefined);
			rmSync(configDir, {recursive: true, force: true});
		},
	};
}

/** Direct children of `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

/** One variable from a process's environment (Linux /proc). */
export function processEnv(pid: number, variable: string): string | undefined {
	const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
	const entry = entries.find(item => item.startsWith(`${variable}=`));
	return entry?.slice(variable.length + 1);
}
