/**
SGR (Select Graphic Rendition) state as a canonical string, so two cells that look the same compare equal and a
state can be replayed with one `CSI 0;<state> m`. The empty string is the default rendition.
*/

type Parsed = {
	readonly attributes: Set<string>;
	fg: string;
	bg: string;
	underlineColor: string;
};

// Attribute codes in the order they are serialized; each maps to the codes that turn it off.
const attributeOrder = ['1', '2', '3', '4', '21', '5', '6', '7', '8', '9', '53'];
const underlineCodes = ['4', '21'];

function parseState(state: string): Parsed {
	const parsed: Parsed = {attributes: new Set(), fg: '', bg: '', underlineColor: ''};
	if (state !== '') applyParams(parsed, state);
	return parsed;
}

function serialize(parsed: Parsed): string {
	const parts: string[] = [];
	for (const code of attributeOrder) if (parsed.attributes.has(code)) parts.push(code);
	for (const code of parsed.attributes) if (!attributeOrder.includes(code)) parts.push(code);
	if (parsed.fg !== '') parts.push(parsed.fg);
	if (parsed.bg !== '') parts.push(parsed.bg);
	if (parsed.underlineColor !== '') parts.push(parsed.underlineColor);
	return parts.join(';');
}

/** An extended color (`38;5;n`, `38;2;r;g;b`, or the colon form `38:2::r:g:b`) starting at `index`; returns it and the next index. */
function extendedColor(tokens: readonly string[], index: number): [string, number] {
	const head = tokens[index]!;
	if (head.includes(':')) return [head, index + 1];
	const mode = tokens[index + 1];
	if (mode === '5') return [tokens.slice(index, index + 3).join(';'), index + 3];
	if (mode === '2') return [tokens.slice(index, index + 5).join(';'), index + 5];
	return ['', index + 2];
}

function applyParams(parsed: Parsed, params: string): void {
	const tokens = params === '' ? ['0'] : params.split(';');
	let index = 0;
	while (index < tokens.length) {
		const token = tokens[index]!;
		const base = token.split(':')[0]!;
		const code = base === '' ? 0 : Number(base);
		index++;
		if (code === 0) {
			parsed.attributes.clear();
			parsed.fg = '';
			parsed.bg = '';
			parsed.underlineColor = '';
		} else if (code === 4 && token.includes(':')) {
			for (const underline of underlineCodes) parsed.attributes.delete(underline);
			for (const existing of [...parsed.attributes]) if (existing.startsWith('4:')) parsed.attributes.delete(existing);
			if (token !== '4:0') parsed.attributes.add(token);
		} else if ((code >= 1 && code <= 9) || code === 21 || code === 53) {
			if (code === 4 || code === 21) for (const existing of [...parsed.attributes]) if (existing.startsWith('4:') || underlineCodes.includes(existing)) parsed.attributes.delete(existing);
			parsed.attributes.add(String(code));
		} else if (code === 22) {
			parsed.attributes.delete('1');
			parsed.attributes.delete('2');
		} else if (code === 24) {
			for (const existing of [...parsed.attributes]) if (existing.startsWith('4:') || underlineCodes.includes(existing)) parsed.attributes.delete(existing);
		} else if (code >= 23 && code <= 29) {
			const off: Record<number, readonly string[]> = {23: ['3'], 25: ['5', '6'], 27: ['7'], 28: ['8'], 29: ['9']};
			for (const attribute of off[code] ?? []) parsed.attributes.delete(attribute);
		} else if (code === 55) {
			parsed.attributes.delete('53');
		} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
			parsed.fg = String(code);
		} else if (code === 39) {
			parsed.fg = '';
		} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
			parsed.bg = String(code);
		} else if (code === 49) {
			parsed.bg = '';
		} else if (code === 38 || code === 48 || code === 58) {
			const [color, next] = extendedColor(tokens, index - 1);
			index = next;
			if (code === 38) parsed.fg = color;
			else if (code === 48) parsed.bg = color;
			else parsed.underlineColor = color;
		} else if (code === 59) {
			parsed.underlineColor = '';
		}
		// Other codes (fonts, frames, …) are ignored: they do not change what the cell shows in practice.
	}
}

const transitions = new Map<string, string>();

/** The state after `CSI <params> m` in state `state` (memoized: Ink emits few distinct combinations). */
export function applySgr(state: string, params: string): string {
	const key = `${state}|${params}`;
	let result = transitions.get(key);
	if (result === undefined) {
		const parsed = parseState(state);
		applyParams(parsed, params);
		result = serialize(parsed);
		if (transitions.size > 10_000) transitions.clear();
		transitions.set(key, result);
	}
	return result;
}

const backgrounds = new Map<string, string>();

/** The part of a state that erase operations paint with (background color erase, as xterm and tmux do). */
export function eraseState(state: string): string {
	if (state === '') return '';
	let result = backgrounds.get(state);
	if (result === undefined) {
		result = parseState(state).bg;
		backgrounds.set(state, result);
	}
	return result;
}

/** The escape sequence that sets rendition `state` from any previous state. */
export function sgrSequence(state: string): string {
	return state === '' ? '\u001B[0m' : `\u001B[0;${state}m`;
}
