/**
Prompt directives of the demo agent (the scripted test agent). Documented in demo-agent.ts; parsed here.
A directive is `!name` or `!name:VALUE` anywhere in the prompt text; VALUE runs to the next whitespace,
except for `!terminal:` whose command runs to the end of its line.
*/

export type Step =
	| {readonly kind: 'quick'}
	| {readonly kind: 'echo'}
	| {readonly kind: 'stream'; readonly kb: number}
	| {readonly kind: 'chunks'; readonly count: number}
	| {readonly kind: 'entries'; readonly count: number}
	| {readonly kind: 'stall'}
	| {readonly kind: 'sleep'; readonly ms: number}
	| {readonly kind: 'crash'}
	| {readonly kind: 'permission'}
	| {readonly kind: 'permission-first'}
	| {readonly kind: 'no-tool-call'}
	| {readonly kind: 'dup-tool-call'}
	| {readonly kind: 'terminal'; readonly command: string}
	| {readonly kind: 'tool-output'; readonly kb: number}
	| {readonly kind: 'unknown-update'}
	| {readonly kind: 'big'; readonly kb: number}
	| {readonly kind: 'fs-read'; readonly path: string}
	| {readonly kind: 'fs-write'; readonly path: string};

export type Directives = {
	/** Content steps in prompt order; empty → the default turn. */
	readonly steps: readonly Step[];
	/** `!delay:MS`: per-chunk delay (undefined → each step's own default). */
	readonly delayMs?: number;
	readonly garbage: boolean;
	readonly error: boolean;
	readonly maxTokens: boolean;
};

const maxKb = 64 * 1024;

function count(value: string | undefined, fallback: number, max = maxKb): number {
	const parsed = Number.parseInt(value ?? '', 10);
	if (!Number.isFinite(parsed) || parsed < 0) return fallback;
	return Math.min(parsed, max);
}

export function parseDirectives(text: string): Directives {
	const steps: Step[] = [];
	let delayMs: number | undefined;
	let garbage = false;
	let error = false;
	let maxTokens = false;
	// Only `!terminal:` takes the rest of the line; every other value ends at whitespace.
	for (const match of text.matchAll(/!(terminal):([^\n]*)|!([a-z][a-z-]*)(?::(\S*))?/g)) {
		const name = match[1] ?? match[3] ?? '';
		const value = match[1] ? match[2]?.trim() : match[4];
		switch (name) {
			case 'quick':
			case 'echo':
			case 'stall':
			case 'crash':
			case 'permission':
			case 'permission-first':
			case 'no-tool-call':
			case 'dup-tool-call':
			case 'unknown-update': {
				steps.push({kind: name});
				break;
			}
			case 'stream': {
				steps.push({kind: 'stream', kb: count(value, 8)});
				break;
			}
			case 'chunks': {
				steps.push({kind: 'chunks', count: count(value, 10, 1_000_000)});
				break;
			}
			case 'entries': {
				steps.push({kind: 'entries', count: count(value, 10, 1_000_000)});
				break;
			}
			case 'sleep': {
				steps.push({kind: 'sleep', ms: count(value, 1000, 3_600_000)});
				break;
			}
			case 'terminal': {
				steps.push({kind: 'terminal', command: value || 'echo hello from the terminal'});
				break;
			}
			case 'tool-output': {
				steps.push({kind: 'tool-output', kb: count(value, 4)});
				break;
			}
			case 'big': {
				steps.push({kind: 'big', kb: count(value, 64)});
				break;
			}
			case 'fs-read':
			case 'fs-write': {
				if (value) steps.push({kind: name, path: value});
				break;
			}
			case 'delay': {
				delayMs = count(value, 0, 60_000);
				break;
			}
			case 'garbage': {
				garbage = true;
				break;
			}
			case 'error': {
				error = true;
				break;
			}
			case 'max-tokens': {
				maxTokens = true;
				break;
			}
			default: {
				// Not a directive (an exclamation in prose): ignored.
			}
		}
	}
	return {steps, ...(delayMs === undefined ? {} : {delayMs}), garbage, error, maxTokens};
}
