/**
Tool-call and permission lines of the log rendering (issue 5.2): one line per tool call with kind, title
and outcome; `--full` adds diffs, terminal output, raw input and output.
*/
import type {PermissionOption, ToolCallContent, ToolCallLocation} from '../model/acp-types.js';
import {blockText, diffLines, indent, oneLine, type Paint} from './log-style.js';

export type ToolState = {
	readonly toolCallId: string;
	title: string;
	kind: string;
	status: string;
	content: readonly ToolCallContent[];
	locations: readonly ToolCallLocation[];
	rawInput?: unknown;
	rawOutput?: unknown;
};

/** Apply a `tool_call`, `tool_call_update` or a permission request's `toolCall` (all upserts: agent-quirks §1). */
export function upsertTool(tools: Map<string, ToolState>, fields: Record<string, unknown>): ToolState {
	const id = typeof fields['toolCallId'] === 'string' ? fields['toolCallId'] : '?';
	let tool = tools.get(id);
	if (!tool) {
		tool = {toolCallId: id, title: '', kind: 'other', status: 'pending', content: [], locations: []};
		tools.set(id, tool);
	}

	if (typeof fields['title'] === 'string' && fields['title']) tool.title = fields['title'];
	if (typeof fields['kind'] === 'string' && fields['kind']) tool.kind = fields['kind'];
	if (typeof fields['status'] === 'string' && fields['status']) tool.status = fields['status'];
	if (Array.isArray(fields['content'])) tool.content = fields['content'] as ToolCallContent[];
	if (Array.isArray(fields['locations'])) tool.locations = fields['locations'] as ToolCallLocation[];
	if (fields['rawInput'] !== undefined) tool.rawInput = fields['rawInput'];
	if (fields['rawOutput'] !== undefined) tool.rawOutput = fields['rawOutput'];
	return tool;
}

export function isFinished(status: string): boolean {
	return status === 'completed' || status === 'failed';
}

function statusText(status: string, unfinished: boolean, paint: Paint): string {
	if (status === 'completed') return paint.green('completed');
	if (status === 'failed') return paint.red('failed');
	return paint.yellow(unfinished ? `${status}, never finished` : status);
}

function json(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value, undefined, 2) ?? String(value);
}

/** Terminal output, when an agent reports it as `rawOutput` (`{output}`, `{stdout, stderr}` or a string). */
function outputText(raw: unknown): string {
	if (typeof raw === 'string') return raw;
	const value = raw as Record<string, unknown> | undefined;
	if (value && typeof value === 'object') {
		const parts = ['output', 'stdout', 'stderr', 'formatted_output'].map(key => value[key]).filter((part): part is string => typeof part === 'string' && part !== '');
		if (parts.length > 0) return parts.join('\n');
	}

	return json(raw);
}

export function renderTool(tool: ToolState, options: {full: boolean; paint: Paint; unfinished: boolean}): string[] {
	const {paint, full} = options;
	const diffs = tool.content.filter((item): item is Extract<ToolCallContent, {type: 'diff'}> => item?.type === 'diff');
	let title = tool.title || tool.toolCallId;
	const location = tool.locations[0];
	if (location?.path && !title.includes(location.path)) title += ` (${location.path}${location.line ? `:${location.line}` : ''})`;
	let summary = '';
	if (diffs.length > 0 && !full) {
		let added = 0;
		let removed = 0;
		for (const diff of diffs) {
			const lines = diffLines(diff.oldText, diff.newText ?? '');
			added += lines.added.length;
			removed += lines.removed.length;
		}

		summary = paint.dim(` (+${added} −${removed})`);
	}

	const lines = [`  ${paint.cyan('⚙')} ${paint.bold(tool.kind.padEnd(7))} ${oneLine(title, 100)} → ${statusText(tool.status, options.unfinished, paint)}${summary}`];
	if (!full) return lines;
	for (const item of tool.content) {
		if (item?.type === 'diff') {
			const diff = diffLines(item.oldText, item.newText ?? '');
			lines.push(paint.bold(`      --- ${item.path}`), paint.bold(`      +++ ${item.path}`));
			lines.push(...diff.before.map(line => `       ${line}`), ...diff.removed.map(line => paint.red(`      -${line}`)));
			lines.push(...diff.added.map(line => paint.green(`      +${line}`)), ...diff.after.map(line => `       ${line}`));
		} else if (item?.type === 'terminal') {
			lines.push(paint.dim(`      terminal ${item.terminalId}`));
		} else if (item?.type === 'content') {
			lines.push(...indent(blockText(item.content), '      '));
		}
	}

	if (tool.rawInput !== undefined) lines.push(paint.dim('      input:'), ...indent(json(tool.rawInput), '        '));
	if (tool.rawOutput !== undefined) lines.push(paint.dim('      output:'), ...indent(outputText(tool.rawOutput), '        '));
	return lines;
}

export function optionLabel(options: readonly PermissionOption[], optionId: string): string {
	const option = options.find(candidate => candidate?.optionId === optionId);
	return option ? `"${option.name}" (${option.kind})` : `"${optionId}"`;
}

export type PermissionState = {
	readonly requestId: string;
	readonly toolCallId: string;
	readonly options: readonly PermissionOption[];
	outcome?: {readonly outcome?: string; readonly optionId?: string};
	client?: string;
};

export function renderPermission(permission: PermissionState, tool: ToolState | undefined, paint: Paint): string {
	const what = `permission for ${oneLine(tool?.title || permission.toolCallId, 60)}`;
	const offered = permission.options.map(option => option?.name).join(' / ');
	if (!permission.outcome) return `  ${paint.magenta('?')} ${what}: ${paint.yellow('never answered')} (options: ${offered})`;
	if (permission.outcome.outcome === 'selected' && permission.outcome.optionId !== undefined) {
		return `  ${paint.magenta('?')} ${what}: chose ${optionLabel(permission.options, permission.outcome.optionId)} by ${permission.client ?? '?'}`;
	}

	return `  ${paint.magenta('?')} ${what}: ${paint.yellow(String(permission.outcome.outcome ?? 'cancelled'))} by ${permission.client ?? '?'}`;
}
