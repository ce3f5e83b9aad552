/**
The keymap TABLE (command id → default keys → help text) and the parser of config overrides (DESIGN §6, §9).
The key router, the help screen and the status-line hints are all generated from this one table, so a
rebinding in config shows up everywhere (docs/ink-notes.md "keymap with help text in one place").

Key names follow tmux: `C-b` (Ctrl), `M-x` (Alt/Meta), `S-Up`, named keys `Up Down Left Right PageUp PageDown
Home End Enter Escape Tab BSpace DC`, any other single character stands for itself (`%`, `"`, `?`, `0`).
*/

/** Where a binding applies: after the prefix, without the prefix (root), or inside scroll mode. */
export type KeyScope = 'prefix' | 'root' | 'scroll';

export type CommandId =
	| 'new-session'
	| 'end-session'
	| 'next-session'
	| 'previous-session'
	| `select-${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`
	| 'chooser'
	| 'next-attention'
	| 'split-horizontal'
	| 'split-vertical'
	| 'focus-next'
	| 'focus-left'
	| 'focus-right'
	| 'focus-up'
	| 'focus-down'
	| 'zoom'
	| 'toggle-thoughts'
	| 'scroll-mode'
	| 'detach'
	| 'restart-agent'
	| 'help'
	| 'send-prefix'
	| 'cancel-turn'
	| 'scroll-page-up'
	| 'scroll-page-down'
	| 'scroll-line-up'
	| 'scroll-line-down'
	| 'scroll-top'
	| 'scroll-bottom'
	| 'scroll-search'
	| 'scroll-next-match'
	| 'scroll-previous-match'
	| 'scroll-exit';

export type KeymapEntry = {
	readonly id: CommandId;
	readonly scope: KeyScope;
	readonly keys: readonly string[];
	readonly help: string;
	/** Entries sharing a group are shown as one help line (`0-9`). */
	readonly group?: string;
	/** Allowed in a read-only client (it changes only this client's view). */
	readonly viewOnly?: boolean;
};

const digits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** The default table. Order is the help screen's order. */
export const keymapTable: readonly KeymapEntry[] = [
	{id: 'new-session', scope: 'prefix', keys: ['c'], help: 'new session (in this pane\'s cwd)'},
	{id: 'end-session', scope: 'prefix', keys: ['x'], help: 'end the session (asks; offers cancel, then end)'},
	{id: 'next-session', scope: 'prefix', keys: ['n'], help: 'next session in this pane', viewOnly: true},
	{id: 'previous-session', scope: 'prefix', keys: ['p'], help: 'previous session in this pane', viewOnly: true},
	...digits.map((digit): KeymapEntry => ({id: `select-${digit}`, scope: 'prefix', keys: [String(digit)], help: 'switch this pane to session N', group: 'select', viewOnly: true})),
	{id: 'chooser', scope: 'prefix', keys: ['w'], help: 'choose a session (answer permissions, end)', viewOnly: true},
	{id: 'next-attention', scope: 'prefix', keys: ['a'], help: 'next session needing attention', viewOnly: true},
	{id: 'split-horizontal', scope: 'prefix', keys: ['%'], help: 'split left/right', viewOnly: true},
	{id: 'split-vertical', scope: 'prefix', keys: ['"'], help: 'split top/bottom', viewOnly: true},
	{id: 'focus-next', scope: 'prefix', keys: ['o'], help: 'focus the next pane', viewOnly: true},
	{id: 'focus-left', scope: 'prefix', keys: ['Left'], help: 'focus the pane to the left', group: 'focus-arrows', viewOnly: true},
	{id: 'focus-right', scope: 'prefix', keys: ['Right'], help: 'focus the pane to the right', group: 'focus-arrows', viewOnly: true},
	{id: 'focus-up', scope: 'prefix', keys: ['Up'], help: 'focus the pane above', group: 'focus-arrows', viewOnly: true},
	{id: 'focus-down', scope: 'prefix', keys: ['Down'], help: 'focus the pane below', group: 'focus-arrows', viewOnly: true},
	{id: 'zoom', scope: 'prefix', keys: ['z'], help: 'zoom/unzoom the pane', viewOnly: true},
	{id: 'toggle-thoughts', scope: 'prefix', keys: ['t'], help: 'show thoughts in full / fold them', viewOnly: true},
	{id: 'scroll-mode', scope: 'prefix', keys: ['['], help: 'scroll mode (PgUp/PgDn, g/G, / search)', viewOnly: true},
	{id: 'detach', scope: 'prefix', keys: ['d'], help: 'detach (the host keeps running)', viewOnly: true},
	{id: 'restart-agent', scope: 'prefix', keys: ['R'], help: 'restart the agent and restore sessions'},
	{id: 'help', scope: 'prefix', keys: ['?'], help: 'this help', viewOnly: true},
	{id: 'send-prefix', scope: 'prefix', keys: ['C-b'], help: 'send the prefix key itself to the input', viewOnly: true},
	{id: 'cancel-turn', scope: 'root', keys: ['Escape'], help: 'cancel the focused session\'s turn'},
	{id: 'scroll-page-up', scope: 'scroll', keys: ['PageUp', 'C-u'], help: 'page up', viewOnly: true},
	{id: 'scroll-page-down', scope: 'scroll', keys: ['PageDown', 'C-d'], help: 'page down', viewOnly: true},
	{id: 'scroll-line-up', scope: 'scroll', keys: ['Up', 'k'], help: 'line up', viewOnly: true},
	{id: 'scroll-line-down', scope: 'scroll', keys: ['Down', 'j'], help: 'line down', viewOnly: true},
	{id: 'scroll-top', scope: 'scroll', keys: ['g', 'Home'], help: 'top', viewOnly: true},
	{id: 'scroll-bottom', scope: 'scroll', keys: ['G', 'End'], help: 'bottom', viewOnly: true},
	{id: 'scroll-search', scope: 'scroll', keys: ['/'], help: 'search', viewOnly: true},
	{id: 'scroll-next-match', scope: 'scroll', keys: ['n'], help: 'next match (older)', viewOnly: true},
	{id: 'scroll-previous-match', scope: 'scroll', keys: ['N'], help: 'previous match (newer)', viewOnly: true},
	{id: 'scroll-exit', scope: 'scroll', keys: ['q', 'Escape'], help: 'leave scroll mode', viewOnly: true},
];

/** The subset of Ink's `Key` the keymap reads (structural, so config/ does not import Ink). */
export type KeyFlags = {
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly leftArrow?: boolean;
	readonly rightArrow?: boolean;
	readonly pageUp?: boolean;
	readonly pageDown?: boolean;
	readonly home?: boolean;
	readonly end?: boolean;
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly tab?: boolean;
	readonly backspace?: boolean;
	readonly delete?: boolean;
	readonly ctrl?: boolean;
	readonly meta?: boolean;
	readonly shift?: boolean;
};

const namedKeys: ReadonlyMap<string, string> = new Map([
	['up', 'Up'], ['down', 'Down'], ['left', 'Left'], ['right', 'Right'],
	['pageup', 'PageUp'], ['ppage', 'PageUp'], ['pgup', 'PageUp'],
	['pagedown', 'PageDown'], ['npage', 'PageDown'], ['pgdn', 'PageDown'],
	['home', 'Home'], ['end', 'End'], ['enter', 'Enter'], ['return', 'Enter'],
	['escape', 'Escape'], ['esc', 'Escape'], ['tab', 'Tab'], ['bspace', 'BSpace'], ['backspace', 'BSpace'],
	['dc', 'DC'], ['delete', 'DC'], ['space', 'Space'],
]);

/**
Canonical form of a key spec from config or the table (`c-B` → `C-b`, `pgup` → `PageUp`, `M-Enter` → `M-Enter`);
undefined when it is not a key. Modifier order is fixed `C-M-S-`.
*/
export function parseKeySpec(spec: string): string | undefined {
	let rest = spec.trim();
	if (rest === '') return undefined;
	let ctrl = false;
	let meta = false;
	let shift = false;
	// A lone "-" or "C--" ends in the key "-"; strip modifiers only while something follows them.
	while (rest.length > 2 && rest[1] === '-' && /^[CMSA]/i.test(rest)) {
		const modifier = rest[0]!.toUpperCase();
		if (modifier === 'C') ctrl = true;
		else if (modifier === 'S') shift = true;
		else meta = true;
		rest = rest.slice(2);
	}
	if (rest.startsWith('^') && rest.length === 2) {
		ctrl = true;
		rest = rest.slice(1);
	}
	let name: string | undefined;
	if ([...rest].length === 1) {
		// Ctrl+letter is case-insensitive on a terminal (both send the same byte).
		name = ctrl ? rest.toLowerCase() : rest;
		if (name === ' ') name = 'Space';
	} else {
		name = namedKeys.get(rest.toLowerCase());
	}
	if (name === undefined) return undefined;
	return `${ctrl ? 'C-' : ''}${meta ? 'M-' : ''}${shift ? 'S-' : ''}${name}`;
}

/**
Canonical name of one Ink key event (`input` one character or empty). Shift is kept only on named keys:
for printable characters it is already in the character (`X`).
*/
export function keyEventName(input: string, key: KeyFlags): string | undefined {
	let name: string | undefined;
	if (key.upArrow) name = 'Up';
	else if (key.downArrow) name = 'Down';
	else if (key.leftArrow) name = 'Left';
	else if (key.rightArrow) name = 'Right';
	else if (key.pageUp) name = 'PageUp';
	else if (key.pageDown) name = 'PageDown';
	else if (key.home) name = 'Home';
	else if (key.end) name = 'End';
	else if (key.return) name = 'Enter';
	else if (key.escape) name = 'Escape';
	else if (key.tab) name = 'Tab';
	else if (key.backspace) name = 'BSpace';
	else if (key.delete) name = 'DC';
	const named = name !== undefined;
	if (name === undefined) {
		if ([...input].length !== 1) return undefined;
		name = input === ' ' ? 'Space' : key.ctrl ? input.toLowerCase() : input;
	}
	return `${key.ctrl ? 'C-' : ''}${key.meta ? 'M-' : ''}${key.shift && named ? 'S-' : ''}${name}`;
}

export type KeymapConfig = {
	readonly prefix?: string;
	readonly keys?: Readonly<Record<string, string | readonly string[]>>;
};

export type Keymap = {
	/** Canonical prefix key (default `C-b`). */
	readonly prefix: string;
	/** The table with config overrides applied. */
	readonly entries: readonly KeymapEntry[];
	/** Problems in the config overrides (unknown command, bad key); the defaults stay in force for those. */
	readonly warnings: readonly string[];
	lookup(scope: KeyScope, keyName: string): CommandId | undefined;
	keysFor(id: CommandId): readonly string[];
};

export const defaultPrefix = 'C-b';

/** Build the keymap: the table, then `prefix` and per-command `keys` from config (keys replace the defaults). */
export function buildKeymap(config: KeymapConfig = {}): Keymap {
	const warnings: string[] = [];
	let prefix = defaultPrefix;
	if (config.prefix !== undefined) {
		const parsed = parseKeySpec(config.prefix);
		if (parsed === undefined) warnings.push(`prefix: "${config.prefix}" is not a key; using ${defaultPrefix}`);
		else prefix = parsed;
	}
	const known = new Set<string>(keymapTable.map(entry => entry.id));
	const overrides = new Map<string, readonly string[]>();
	for (const [id, value] of Object.entries(config.keys ?? {})) {
		if (!known.has(id)) {
			warnings.push(`keys.${id}: unknown command`);
			continue;
		}
		const specs: readonly string[] = typeof value === 'string' ? [value] : value;
		const parsed: string[] = [];
		for (const spec of specs) {
			const key = parseKeySpec(spec);
			if (key === undefined) warnings.push(`keys.${id}: "${spec}" is not a key`);
			else parsed.push(key);
		}
		if (parsed.length > 0 || specs.length === 0) overrides.set(id, parsed);
	}
	const entries = keymapTable.map(entry => {
		const keys = overrides.get(entry.id) ?? entry.keys.map(key => parseKeySpec(key) ?? key);
		// send-prefix follows the prefix unless rebound explicitly (tmux's `C-b C-b`).
		const adjusted = entry.id === 'send-prefix' && !overrides.has(entry.id) ? [prefix] : keys;
		return {...entry, keys: adjusted};
	});
	const byScope = new Map<KeyScope, Map<string, CommandId>>([['prefix', new Map()], ['root', new Map()], ['scroll', new Map()]]);
	// Overridden entries first, so a rebinding wins over a default that used the same key.
	const ordered = [...entries.filter(entry => overrides.has(entry.id)), ...entries.filter(entry => !overrides.has(entry.id))];
	for (const entry of ordered) {
		const scope = byScope.get(entry.scope)!;
		for (const key of entry.keys) {
			if (!scope.has(key)) scope.set(key, entry.id);
		}
	}
	const byId = new Map(entries.map(entry => [entry.id, entry.keys]));
	return {
		prefix,
		entries,
		warnings,
		lookup: (scope, keyName) => byScope.get(scope)?.get(keyName),
		keysFor: id => byId.get(id) ?? [],
	};
}

/** One help line per command (groups collapsed: `0-9`, arrows), as `[keys, help]` pairs. */
export function helpLines(keymap: Keymap): ReadonlyArray<{readonly scope: KeyScope; readonly keys: string; readonly help: string}> {
	const lines: Array<{scope: KeyScope; keys: string; help: string}> = [];
	const seenGroups = new Set<string>();
	for (const entry of keymap.entries) {
		if (entry.group !== undefined) {
			if (seenGroups.has(entry.group)) continue;
			seenGroups.add(entry.group);
			const members = keymap.entries.filter(other => other.group === entry.group);
			const keys = members.flatMap(member => member.keys);
			const help = entry.group === 'select' ? 'switch this pane to session N' : 'focus the pane in that direction';
			lines.push({scope: entry.scope, keys: compactKeys(keys), help});
			continue;
		}
		lines.push({scope: entry.scope, keys: entry.keys.join(' '), help: entry.help});
	}
	return lines;
}

function compactKeys(keys: readonly string[]): string {
	if (keys.length === 10 && keys.every((key, index) => key === String(index))) return '0-9';
	return keys.join(' ');
}

/** Short hint like `C-b ?` for the status line; empty when the command is unbound. */
export function hintFor(keymap: Keymap, id: CommandId): string {
	const entry = keymap.entries.find(candidate => candidate.id === id);
	const key = entry?.keys[0];
	if (entry === undefined || key === undefined) return '';
	return entry.scope === 'prefix' ? `${keymap.prefix} ${key}` : key;
}
