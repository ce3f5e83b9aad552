/**
Text rendering of a session log for the pager (issue 5.2). Streaming: `push` takes records in order and
returns the lines that are final so far, so the first page appears before the whole file is read. Output
order follows the conversation: a block (a message, a tool call, a permission) is printed once it is
complete, and nothing after it is printed earlier; a turn boundary completes everything.
*/
import type {LogRecord} from '../model/log-record.js';
import {isSideFileRef} from './session-log-reader.js';
import {isFinished, renderPermission, renderTool, upsertTool, type PermissionState, type ToolState} from './log-render-tool.js';
import {blockText, createPaint, formatDateTime, formatDuration, formatTime, indent, oneLine, type Paint} from './log-style.js';

export type RenderOptions = {readonly full?: boolean; readonly color?: boolean};

export type LogRenderer = {
	/** Lines made final by this record (no trailing newlines). */
	push(record: LogRecord): string[];
	/** Everything still pending, plus a note when the log ends inside a turn. */
	end(): string[];
};

type Block = {done: boolean; readonly render: () => string[]};
type TextBlock = Block & {readonly kind: string; readonly messageId: unknown; readonly parts: string[]};

export function createLogRenderer(options: RenderOptions = {}): LogRenderer {
	const full = options.full === true;
	const paint: Paint = createPaint(options.color === true);
	const queue: Block[] = [];
	const tools = new Map<string, ToolState>();
	const toolBlocks = new Map<string, Block>();
	const permissions = new Map<string, PermissionState>();
	let text: TextBlock | undefined;
	let headerDone = false;
	let turn = 0;
	let turnOpen = false;
	let turnError: string | undefined;
	let lastPlan = '';

	const add = (block: Block): void => {
		queue.push(block);
	};

	const lines = (...values: string[]): void => add({done: true, render: () => values});

	const closeText = (): void => {
		if (text) text.done = true;
		text = undefined;
	};

	const completeAll = (): void => {
		closeText();
		for (const block of queue) block.done = true;
	};

	let previousBlank = true;
	const drain = (): string[] => {
		const out: string[] = [];
		while (queue[0]?.done) {
			for (const line of queue.shift()!.render()) {
				// Blocks pad themselves with blank lines; never print two in a row.
				if (line === '' && previousBlank) continue;
				previousBlank = line === '';
				out.push(line);
			}
		}

		return out;
	};

	const interrupted = (why: string): void => {
		completeAll();
		lines(paint.red(`✗ turn ${turn} interrupted: ${why}`));
		turnOpen = false;
		turnError = undefined;
	};

	const header = (record: LogRecord): void => {
		headerDone = true;
		lines(paint.bold(`session ${record.session}`) + paint.dim(` · host ${record.host}`));
		if (record.type !== 'session-start') {
			lines(paint.dim(`(no session-start record; log begins ${formatDateTime(record.ts)})`), '');
			return;
		}

		const agent = record.command ? `${record.agent} (${record.command})` : record.agent;
		lines(`agent ${agent} · cwd ${record.cwd} · started ${formatDateTime(record.ts)}`);
		const servers = (record.mcpServers ?? []).map(server => (server as {name?: string})?.name ?? '?');
		if (servers.length > 0) lines(`mcp servers: ${servers.join(', ')}`);
		if (record.restoredFrom) lines(paint.dim(`restored from ${record.restoredFrom}`));
		lines('');
	};

	const appendText = (kind: string, messageId: unknown, value: string): void => {
		if (!text || text.kind !== kind || (messageId !== undefined && text.messageId !== undefined && messageId !== text.messageId)) {
			closeText();
			const parts: string[] = [];
			const render = (): string[] => {
				const joined = parts.join('');
				if (kind === 'user') return indent(joined, paint.cyan('> '));
				if (kind === 'agent') return joined.split('\n');
				if (full) return [paint.dim('  thought:'), ...indent(joined, paint.dim('  │ '))];
				const count = joined.split('\n').length;
				return [paint.dim(`  ▸ thought: ${oneLine(joined, 60)} (${count} line${count === 1 ? '' : 's'} folded)`)];
			};

			text = {kind, messageId, parts, done: false, render};
			add(text);
		}

		text.parts.push(value);
	};

	const toolUpdate = (fields: Record<string, unknown>): void => {
		const tool = upsertTool(tools, fields);
		let block = toolBlocks.get(tool.toolCallId);
		if (!block) {
			block = {done: false, render: () => renderTool(tool, {full, paint, unfinished: !isFinished(tool.status)})};
			toolBlocks.set(tool.toolCallId, block);
			add(block);
		} else if (!queue.includes(block) && fields['status'] !== undefined && isFinished(tool.status)) {
			// Already printed (at a turn boundary) and finished later: say how it ended.
			lines(`  ${paint.dim('↳')} ${oneLine(tool.title || tool.toolCallId, 60)} → ${tool.status}`);
		}

		if (isFinished(tool.status)) block.done = true;
	};

	const update = (record: Extract<LogRecord, {type: 'update'}>): void => {
		if (isSideFileRef(record.update)) {
			closeText();
			lines(paint.yellow(`  [update stored in side file ${record.update.$side} (${record.update.bytes} bytes), not readable]`));
			return;
		}

		const value = (record.update ?? {}) as Record<string, unknown>;
		const kind = typeof value['sessionUpdate'] === 'string' ? value['sessionUpdate'] : '?';
		switch (kind) {
			case 'agent_message_chunk':
				appendText('agent', value['messageId'], blockText(value['content']));
				return;
			case 'agent_thought_chunk':
				appendText('thought', value['messageId'], blockText(value['content']));
				return;
			case 'user_message_chunk':
				appendText('user', value['messageId'], blockText(value['content']));
				return;
			default:
				break;
		}

		closeText();
		switch (kind) {
			case 'tool_call':
			case 'tool_call_update':
				toolUpdate(value);
				break;
			case 'plan': {
				const entries = Array.isArray(value['entries']) ? (value['entries'] as Array<{content?: string; status?: string}>) : [];
				const rendered = entries.map(entry => `    [${entry.status === 'completed' ? 'x' : entry.status === 'in_progress' ? '~' : ' '}] ${entry.content ?? ''}`);
				if (rendered.join('\n') === lastPlan && !full) break;
				lastPlan = rendered.join('\n');
				lines(paint.dim('  plan:'), ...rendered);
				break;
			}

			case 'current_mode_update':
				lines(paint.dim(`  mode → ${String(value['currentModeId'])}`));
				break;
			case 'session_info_update':
				if (typeof value['title'] === 'string' && value['title']) lines(paint.dim(`  title: ${value['title']}`));
				break;
			case 'available_commands_update':
				if (full) lines(paint.dim(`  commands: ${((value['availableCommands'] as Array<{name?: string}> | undefined) ?? []).map(command => `/${command?.name ?? '?'}`).join(' ')}`));
				break;
			case 'config_option_update':
				if (full) lines(paint.dim(`  config: ${((value['configOptions'] as Array<{id?: string; currentValue?: unknown}> | undefined) ?? []).map(option => `${option?.id}=${String(option?.currentValue)}`).join(', ')}`));
				break;
			case 'usage_update':
				if (full) lines(paint.dim(`  usage: ${String(value['used'])}/${String(value['size'])} tokens`));
				break;
			default:
				// Unknown kinds are kept verbatim in the log (DESIGN §4.7); name them here, show them with --full.
				lines(paint.dim(`  [${kind} update]`));
				if (full) lines(...indent(JSON.stringify(value, undefined, 2), '    '));
		}
	};

	const handle = (record: LogRecord): void => {
		if (!headerDone) header(record);
		switch (record.type) {
			case 'session-start':
				return;
			case 'prompt': {
				if (turnOpen) interrupted(turnError ? `after error: ${turnError}` : 'no turn-end before the next prompt');
				completeAll();
				turn++;
				turnOpen = true;
				const from = record.client ? ` · from ${record.client}` : '';
				const prompt = isSideFileRef(record.text) ? `[prompt stored in side file ${record.text.$side}]` : String(record.text);
				lines(paint.dim(`──── turn ${turn} · ${formatTime(record.ts)}${from} ────`), ...indent(prompt, paint.cyan('> ')), '');
				return;
			}

			case 'update':
				update(record);
				return;
			case 'permission-request': {
				closeText();
				const toolCall = (record.toolCall && typeof record.toolCall === 'object' ? record.toolCall : {toolCallId: record.requestId}) as Record<string, unknown>;
				// The request may be the first we hear of the tool (codex, gemini: agent-quirks §1).
				const {status: _status, ...fields} = toolCall;
				toolUpdate(fields);
				const permission: PermissionState = {requestId: record.requestId, toolCallId: String(toolCall['toolCallId'] ?? record.requestId), options: (record.options ?? []) as PermissionState['options']};
				permissions.set(record.requestId, permission);
				const block: Block = {done: false, render: () => [renderPermission(permission, tools.get(permission.toolCallId), paint)]};
				(permission as {block?: Block}).block = block;
				add(block);
				return;
			}

			case 'permission-outcome': {
				closeText();
				const permission = permissions.get(record.requestId);
				const outcome = (record.outcome ?? {}) as PermissionState['outcome'];
				if (!permission) {
					lines(`  ${paint.magenta('?')} permission ${record.requestId}: ${JSON.stringify(outcome)} by ${record.client}`);
					return;
				}

				permission.outcome = outcome;
				permission.client = record.client;
				const block = (permission as {block?: Block}).block;
				if (block && queue.includes(block)) block.done = true;
				else lines(renderPermission(permission, tools.get(permission.toolCallId), paint));
				return;
			}

			case 'turn-end': {
				completeAll();
				const reason = record.stopReason === 'end_turn' ? paint.green(record.stopReason) : record.stopReason === 'cancelled' ? paint.yellow(record.stopReason) : paint.red(record.stopReason);
				lines('', `${paint.dim('■')} ${reason} ${paint.dim(`· ${formatDuration(record.ms)} · ${formatTime(record.ts)}`)}`, '');
				turnOpen = false;
				turnError = undefined;
				return;
			}

			case 'error': {
				closeText();
				const message = isSideFileRef(record.message) ? '[message in side file]' : String(record.message);
				lines(paint.red(`! error: ${message}`));
				if (full && record.detail !== undefined) lines(...indent(typeof record.detail === 'string' ? record.detail : JSON.stringify(record.detail, undefined, 2), '    '));
				if (turnOpen) turnError = message;
				return;
			}

			case 'session-end':
				if (turnOpen) interrupted(record.reason === 'agent-exited' ? 'the agent exited' : turnError ? `after error: ${turnError}` : `session ended (${record.reason}) with no turn-end`);
				completeAll();
				lines(paint.bold(`■ session ended: ${record.reason}`) + paint.dim(` · ${formatDateTime(record.ts)}`));
				return;
			default:
				closeText();
				lines(paint.dim(`  [${String((record as {type: unknown}).type)} record]`));
		}
	};

	return {
		push(record) {
			handle(record);
			return drain();
		},
		end() {
			completeAll();
			const out = drain();
			if (turnOpen) out.push(paint.yellow(`… the log ends inside turn ${turn} (no turn-end yet)`));
			return out;
		},
	};
}
