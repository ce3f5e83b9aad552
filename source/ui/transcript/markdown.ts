/**
Light markdown for agent text (issue 4 part 3, DESIGN §6): fenced code blocks (bordered, with the language),
headings, bullet/numbered/task lists with hanging indents, block quotes, rules, and inline `code`, **bold**,
*emphasis*, ~~strike~~ and [links](url). Source line breaks are kept (agents break lines on purpose); each line is
wrapped on its own. A fence still open at the end (a streaming message) renders as code up to the end.
Input must already be sanitized (text.ts `sanitize`).
*/
import {theme, type Painter} from '../theme.js';
import {cells, fit, rule, wrapLine} from './text.js';

const inlinePattern = new RegExp(
	[
		String.raw`(?<code>\x60+)(?<codeText>.+?)\k<code>`,
		String.raw`\*\*(?<bold>\S(?:.*?\S)?)\*\*`,
		String.raw`(?<![\w])__(?<bold2>\S(?:.*?\S)?)__(?![\w])`,
		String.raw`~~(?<strike>\S(?:.*?\S)?)~~`,
		String.raw`(?<![\w*])\*(?<em>[^\s*](?:[^*]*?[^\s*])?)\*(?![\w*])`,
		String.raw`(?<![\w])_(?<em2>[^\s_](?:[^_]*?[^\s_])?)_(?![\w])`,
		String.raw`\[(?<linkText>[^\]]+)\]\((?<url>[^)\s]+)\)`,
	].join('|'),
	'g',
);

/** Style inline markdown in one line of text. */
export function renderInline(text: string, p: Painter): string {
	let out = '';
	let last = 0;
	for (const match of text.matchAll(inlinePattern)) {
		const groups = match.groups ?? {};
		out += text.slice(last, match.index);
		last = match.index + match[0].length;
		if (groups.codeText !== undefined) {
			out += p(groups.codeText, {color: theme.text.code});
		} else if (groups.bold !== undefined || groups.bold2 !== undefined) {
			out += p(renderInline(groups.bold ?? groups.bold2 ?? '', p), {bold: true});
		} else if (groups.strike !== undefined) {
			out += p(groups.strike, {strikethrough: true});
		} else if (groups.em !== undefined || groups.em2 !== undefined) {
			out += p(renderInline(groups.em ?? groups.em2 ?? '', p), {italic: true});
		} else if (groups.linkText !== undefined) {
			const url = groups.url ?? '';
			out += p(groups.linkText, {color: theme.text.link, underline: true});
			if (url !== groups.linkText) {
				out += p(` (${url})`, {dim: true});
			}
		} else {
			out += match[0];
		}
	}

	return out + text.slice(last);
}

const fencePattern = /^(?<indent>\s*)(?<fence>`{3,}|~{3,})\s*(?<lang>[^\s`]*)/;
const headingPattern = /^(?<hashes>#{1,6})\s+(?<title>.*?)\s*#*\s*$/;
const rulePattern = /^\s*([-*_])(?:\s*\1){2,}\s*$/;
const bulletPattern = /^(?<indent>\s*)[-*+]\s+(?:\[(?<task>[ xX])\]\s+)?(?<body>.*)$/;
const numberPattern = /^(?<indent>\s*)(?<number>\d{1,9}[.)])\s+(?<body>.*)$/;
const quotePattern = /^\s*>\s?(?<body>.*)$/;

/**
Rendered source lines, per painter: a streaming message is rendered again on every frame, and all but its last
source line are unchanged, so they come from here (the renderer is line-based; only the fence state crosses lines).
Cleared when full: a generation is plenty for the visible transcripts (DESIGN §10 client CPU budget).
*/
const lineCache = new Map<Painter, Map<string, readonly string[]>>();
const lineCacheLimit = 20_000;
let renderedLines = 0;

/** How many source lines were rendered (not served from the cache) so far: tests count re-renders with it. */
export function markdownStats(): {readonly renderedLines: number} {
	return {renderedLines};
}

function cachedLines(p: Painter, key: string, render: () => readonly string[]): readonly string[] {
	let cache = lineCache.get(p);
	if (cache === undefined) {
		cache = new Map();
		lineCache.set(p, cache);
	}

	let lines = cache.get(key);
	if (lines === undefined) {
		if (cache.size >= lineCacheLimit) cache.clear();
		renderedLines++;
		lines = render();
		cache.set(key, lines);
	}

	return lines;
}

/** Render markdown text as styled lines of at most `width` cells, each starting with `indent`. */
export function renderMarkdown(text: string, width: number, p: Painter, indent = ''): string[] {
	const out: string[] = [];
	let fence: {readonly marker: string} | undefined;
	const lines = text.split('\n');
	const border = (s: string) => p(s, {color: theme.text.dim});
	const codeWidth = Math.max(1, width - cells(indent));

	for (const line of lines) {
		if (fence) {
			const trimmed = line.trim();
			if (trimmed.startsWith(fence.marker) && trimmed.replaceAll(fence.marker[0] ?? '`', '') === '') {
				out.push(fit(`${indent}${border(`└${rule('─', Math.min(codeWidth - 1, 2))}`)}`, width));
				fence = undefined;
			} else {
				out.push(...cachedLines(p, `c${width}\u0000${indent}\u0000${line}`, () => wrapLine(line, width, `${indent}${border('│ ')}`, `${indent}${border('│ ')}`, true)));
			}

			continue;
		}

		const fenceMatch = fencePattern.exec(line);
		if (fenceMatch?.groups) {
			fence = {marker: fenceMatch.groups.fence ?? '```'};
			const lang = fenceMatch.groups.lang ?? '';
			const head = lang === '' ? '┌─' : `┌─ ${lang} ─`;
			out.push(...wrapLine(border(head), width, indent));
			continue;
		}

		out.push(...cachedLines(p, `t${width}\u0000${indent}\u0000${line}`, () => renderTextLine(line, width, p, indent)));
	}

	return out;
}

/** One source line outside a code fence: heading, rule, list item, quote or paragraph text. */
function renderTextLine(line: string, width: number, p: Painter, indent: string): string[] {
	const border = (s: string) => p(s, {color: theme.text.dim});
	const heading = headingPattern.exec(line);
	if (heading?.groups) {
		const level = heading.groups.hashes?.length ?? 1;
		const title = renderInline(heading.groups.title ?? '', p);
		return wrapLine(p(title, {bold: true, color: theme.text.heading, underline: level === 1}), width, indent);
	}

	if (rulePattern.test(line)) {
		return [fit(`${indent}${border(rule('─', Math.min(Math.max(1, width - cells(indent)), 40)))}`, width)];
	}

	const bullet = bulletPattern.exec(line);
	if (bullet?.groups) {
		const lead = bullet.groups.indent ?? '';
		const task = bullet.groups.task;
		const mark = task === undefined ? '• ' : (task === ' ' ? '☐ ' : '☑ ');
		const body = renderInline(bullet.groups.body ?? '', p);
		return wrapLine(body, width, `${indent}${lead}${p(mark, {color: theme.text.accent})}`, `${indent}${lead}${' '.repeat(cells(mark))}`);
	}

	const numbered = numberPattern.exec(line);
	if (numbered?.groups) {
		const lead = numbered.groups.indent ?? '';
		const mark = `${numbered.groups.number ?? ''} `;
		const body = renderInline(numbered.groups.body ?? '', p);
		return wrapLine(body, width, `${indent}${lead}${p(mark, {color: theme.text.accent})}`, `${indent}${lead}${' '.repeat(cells(mark))}`);
	}

	const quote = quotePattern.exec(line);
	if (quote?.groups) {
		const body = p(renderInline(quote.groups.body ?? '', p), {italic: true});
		return wrapLine(body, width, `${indent}${border('│ ')}`);
	}

	const lead = /^\s*/.exec(line)?.[0] ?? '';
	return wrapLine(renderInline(line.slice(lead.length), p), width, `${indent}${lead}`);
}
