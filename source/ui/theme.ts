/**
Semantic colours for the TUI (ink-notes conclusion §10: tokens like `theme.status.warning`, never literal colours in
components; after Gemini's `semantic-colors.ts` and crush's `styles/`). Values are Ink colour names or `#rrggbb`, so
they work as `<Text color={…}>` props, and `paint()` turns them into ANSI SGR for the line-based transcript renderer
(which builds strings, not elements, so it can cache and measure them). Chalk-free on purpose: colour is decided by
the caller (`enabled`), not by chalk's environment sniffing, so tests and `NO_COLOR` behave the same everywhere.
*/

export const theme = {
	text: {
		primary: 'white',
		secondary: 'gray',
		dim: 'gray',
		accent: 'cyan',
		link: 'blue',
		code: 'yellow',
		heading: 'cyan',
	},
	status: {
		running: 'yellow',
		waiting: 'magenta',
		idle: 'green',
		success: 'green',
		warning: 'yellow',
		error: 'red',
		stopped: 'red',
		info: 'blue',
	},
	diff: {
		added: 'green',
		removed: 'red',
		hunk: 'cyan',
		context: 'gray',
	},
	pane: {
		activeBorder: 'cyan',
		inactiveBorder: 'gray',
		title: 'white',
	},
	transcript: {
		prompt: 'cyan',
		thought: 'gray',
		toolTitle: 'white',
		toolKind: 'blue',
		location: 'gray',
		permission: 'magenta',
		allow: 'green',
		reject: 'red',
		divider: 'gray',
	},
	search: {
		match: 'yellow',
		active: 'magenta',
	},
	input: {
		prompt: 'cyan',
		placeholder: 'gray',
		queued: 'gray',
		completion: 'cyan',
	},
} as const;

export type Theme = typeof theme;

/** Text attributes, mirroring `<Text>` props so the same tokens serve elements and strings. */
export type Style = {
	readonly color?: string;
	readonly backgroundColor?: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly italic?: boolean;
	readonly underline?: boolean;
	readonly inverse?: boolean;
	readonly strikethrough?: boolean;
};

const colorCodes: Readonly<Record<string, number>> = {
	black: 30,
	red: 31,
	green: 32,
	yellow: 33,
	blue: 34,
	magenta: 35,
	cyan: 36,
	white: 37,
	gray: 90,
	grey: 90,
	blackBright: 90,
	redBright: 91,
	greenBright: 92,
	yellowBright: 93,
	blueBright: 94,
	magentaBright: 95,
	cyanBright: 96,
	whiteBright: 97,
};

/** SGR parameters that set a colour (foreground, or background when `background`); undefined for unknown names. */
export function colorSgr(color: string, background = false): string | undefined {
	const hex = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(color);
	if (hex) {
		const [r, g, b] = [hex[1], hex[2], hex[3]].map(part => Number.parseInt(part ?? '0', 16));
		return `${background ? 48 : 38};2;${r};${g};${b}`;
	}

	const code = colorCodes[color];
	if (code === undefined) {
		return undefined;
	}

	return String(background ? code + 10 : code);
}

/**
Wrap `text` in SGR codes for `style`. Each attribute is closed with its own reset code (39, 49, 22, …), never `0`,
so styles nest and wrap-ansi/slice-ansi can re-open them across line breaks.
*/
export function paint(text: string, style: Style, enabled = true): string {
	if (!enabled || text === '') {
		return text;
	}

	const open: string[] = [];
	const close: string[] = [];
	const add = (on: string | undefined, off: string) => {
		if (on !== undefined) {
			open.push(on);
			close.unshift(off);
		}
	};

	if (style.bold) {
		add('1', '22');
	}

	if (style.dim) {
		add('2', '22');
	}

	if (style.italic) {
		add('3', '23');
	}

	if (style.underline) {
		add('4', '24');
	}

	if (style.inverse) {
		add('7', '27');
	}

	if (style.strikethrough) {
		add('9', '29');
	}

	if (style.color !== undefined) {
		add(colorSgr(style.color), '39');
	}

	if (style.backgroundColor !== undefined) {
		add(colorSgr(style.backgroundColor, true), '49');
	}

	if (open.length === 0) {
		return text;
	}

	return `\u001B[${open.join(';')}m${text}${close.map(code => `\u001B[${code}m`).join('')}`;
}

/** A painter bound to one colour decision: `const p = painter(color); p('x', {bold: true})`. */
export type Painter = (text: string, style: Style) => string;

const painters = {
	on: (text: string, style: Style): string => paint(text, style, true),
	off: (text: string, style: Style): string => paint(text, style, false),
};

/** One painter per decision, so renderers can key caches on it. */
export function painter(enabled: boolean): Painter {
	return enabled ? painters.on : painters.off;
}
