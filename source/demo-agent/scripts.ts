/**
What the demo agent does in a turn: the default turn (thoughts, plan, streamed text, a read, an edit that
asks permission, a client terminal, usage) and one function per directive (see demo-agent.ts for the list).
*/
import {join} from 'node:path';
import {methods, type PlanEntry, type StopReason, type ToolCallContent} from '../acp/agent-side.js';
import type {Directives, Step} from './directives.js';
import type {Turn} from './turn.js';

const defaultDelayMs = 25;

/** Run the turn the prompt asks for; returns the stop reason (Cancelled and RequestError propagate). */
export async function runScript(turn: Turn, directives: Directives): Promise<StopReason> {
	if (directives.garbage) await writeGarbage(turn);
	if (directives.steps.length === 0 && !directives.error && !directives.maxTokens) {
		await defaultTurn(turn, directives.delayMs ?? defaultDelayMs);
	} else if (directives.steps.length === 0) {
		await turn.say('Stopping early.');
	}
	for (const step of directives.steps) await runStep(turn, step, directives.delayMs ?? 0);
	return directives.maxTokens ? 'max_tokens' : 'end_turn';
}

async function writeGarbage(turn: Turn): Promise<void> {
	// Non-JSON lines between messages, like agents that print banners to stdout (DESIGN §4.7).
	await turn.env.rawWrite('this line is not JSON\n');
	await turn.think('Writing some garbage to stdout first.');
	await turn.env.rawWrite('{"broken": json\n');
	await turn.env.rawWrite('\u001B[32m[demo] progress 50%\u001B[0m\n');
}

async function defaultTurn(turn: Turn, delay: number): Promise<void> {
	await turn.think('The user wants a change. I should read the README, then edit the notes and check the result.', delay, 24);
	const plan: PlanEntry[] = [
		{content: 'Read README.md', priority: 'high', status: 'in_progress'},
		{content: 'Edit notes.md', priority: 'medium', status: 'pending'},
		{content: 'Run a quick check', priority: 'low', status: 'pending'},
	];
	const setPlan = async (index: number, status: PlanEntry['status']) => {
		const entry = plan[index];
		if (entry) plan[index] = {...entry, status};
		await turn.update({sessionUpdate: 'plan', entries: [...plan]});
	};
	await turn.update({sessionUpdate: 'plan', entries: [...plan]});
	await turn.say("I'll start by reading the project's README to see what we are working with.", delay, 8);

	const readme = join(turn.cwd, 'README.md');
	const read = await turn.startTool({toolCallId: turn.newToolCallId(), title: 'Read README.md', kind: 'read', status: 'pending', content: [], locations: [{path: readme, line: 1}]});
	await turn.sleep(delay * 2);
	await turn.updateTool(read, {status: 'in_progress'});
	await turn.sleep(delay * 2);
	await turn.updateTool(read, {status: 'completed', content: [{type: 'content', content: {type: 'text', text: '# Demo project\n\nA small project the demo agent pretends to work on.\n'}}]});
	await setPlan(0, 'completed');
	await setPlan(1, 'in_progress');

	const mode = turn.session.stored.modeId;
	if (mode === 'plan') {
		await turn.say('\n\nPlan mode is on, so I will not edit files. The plan: update notes.md, then run a check.', delay, 8);
	} else {
		await turn.say('\n\nNow I will update notes.md.', delay, 8);
		const outcome = await editWithPermission(turn, mode === 'yolo' || turn.session.allowAlways);
		await turn.say(outcome.allowed ? '\n\nUpdated notes.md.' : `\n\nYou rejected the edit (${outcome.kind}), so I left notes.md unchanged.`, delay, 8);
	}
	await setPlan(1, 'completed');
	await setPlan(2, 'in_progress');

	if (turn.env.capabilities.terminal) {
		const result = await turn.runTerminal('echo hello from the demo agent');
		await turn.say(`\n\nThe check printed: ${result.output.trim()}`, delay, 8);
	} else {
		await turn.say('\n\nThe client has no terminal, so I skipped the check.', delay, 8);
	}
	await setPlan(2, 'completed');
	await turn.usage();
	await turn.say('\n\nAll done.', delay, 8);
}

/** An edit tool call with a diff that asks permission unless `skipAsk` (yolo mode or allow_always). */
async function editWithPermission(turn: Turn, skipAsk: boolean): Promise<{allowed: boolean; kind: string}> {
	const path = join(turn.cwd, 'notes.md');
	const diff: ToolCallContent = {type: 'diff', path, oldText: 'TODO: write notes\n', newText: 'Notes written by the demo agent.\n'};
	const edit = await turn.startTool({toolCallId: turn.newToolCallId(), title: 'Edit notes.md', kind: 'edit', status: 'pending', content: [diff], locations: [{path}]});
	const answer = skipAsk ? {allowed: true, kind: 'auto'} : await turn.askPermission({toolCallId: edit.toolCallId, title: edit.title, kind: 'edit', status: 'pending', content: [diff], locations: [{path}]});
	if (answer.allowed) {
		await turn.updateTool(edit, {status: 'in_progress'});
		await turn.updateTool(edit, {status: 'completed'});
	} else {
		await turn.updateTool(edit, {status: 'failed', content: [diff, {type: 'content', content: {type: 'text', text: 'The user refused permission for this edit.'}}]});
	}
	return answer;
}

async function runStep(turn: Turn, step: Step, delay: number): Promise<void> {
	switch (step.kind) {
		case 'quick': {
			await turn.say(`ok: ${turn.text}`);
			return;
		}
		case 'echo': {
			await turn.say(turn.text);
			return;
		}
		case 'stream': {
			for (let index = 0; index < step.kb; index++) await turn.say(kilobyte(index), delay);
			return;
		}
		case 'chunks': {
			for (let index = 1; index <= step.count; index++) await turn.say(`chunk ${index} `, delay);
			return;
		}
		case 'entries': {
			// Alternating message ids make every chunk its own transcript entry (benchmarks of big transcripts).
			for (let index = 1; index <= step.count; index++) {
				await turn.update({sessionUpdate: 'agent_message_chunk', messageId: `m${index}`, content: {type: 'text', text: `entry ${index}: ${'lorem ipsum dolor sit amet '.repeat(3)}`}});
			}
			return;
		}
		case 'stall': {
			await turn.say('Stalling until cancelled.');
			await turn.untilCancelled();
			return;
		}
		case 'sleep': {
			await turn.sleep(step.ms);
			await turn.say(`Slept ${step.ms} ms.`);
			return;
		}
		case 'crash': {
			await turn.say('About to crash.');
			turn.env.exit(1);
			await turn.untilCancelled();
			return;
		}
		case 'permission': {
			const answer = await editWithPermission(turn, false);
			await turn.say(`Permission ${answer.allowed ? 'granted' : 'refused'}: ${answer.kind}.`);
			return;
		}
		case 'permission-first': {
			// codex asks before it announces the tool call (docs/agent-quirks.md §1.1).
			const toolCallId = turn.newToolCallId();
			const path = join(turn.cwd, 'notes.md');
			const answer = await turn.askPermission({toolCallId, title: 'Edit notes.md', kind: 'edit', status: 'pending', locations: [{path}]});
			const record = await turn.startTool({toolCallId, title: 'Edit notes.md', kind: 'edit', status: 'in_progress', content: [], locations: [{path}]});
			await turn.updateTool(record, {status: answer.allowed ? 'completed' : 'failed'});
			await turn.say(`Permission ${answer.allowed ? 'granted' : 'refused'}: ${answer.kind}.`);
			return;
		}
		case 'no-tool-call': {
			// gemini sends no tool_call at all: the permission, then (if allowed) only the final update.
			const toolCallId = turn.newToolCallId();
			const answer = await turn.askPermission({toolCallId, title: 'Write notes.md', kind: 'edit', status: 'pending'});
			const record = await turn.startTool({toolCallId, title: 'Write notes.md', kind: 'edit', status: 'pending', content: [], locations: []}, false);
			await turn.updateTool(record, {status: answer.allowed ? 'completed' : 'failed'}, answer.allowed);
			await turn.say(`Permission ${answer.allowed ? 'granted' : 'refused'}: ${answer.kind}.`);
			return;
		}
		case 'dup-tool-call': {
			// claude-code-acp 0.16 sends tool_call twice for one id: a placeholder, then the real one.
			const toolCallId = turn.newToolCallId();
			await turn.update({sessionUpdate: 'tool_call', toolCallId, title: 'Terminal', kind: 'execute', status: 'pending'});
			const record = await turn.startTool({toolCallId, title: 'Run `ls`', kind: 'execute', status: 'pending', content: [], locations: []});
			await turn.updateTool(record, {status: 'completed', content: [{type: 'content', content: {type: 'text', text: 'README.md\nnotes.md\n'}}]});
			await turn.say('Listed the files.');
			return;
		}
		case 'terminal': {
			if (!turn.env.capabilities.terminal) {
				await turn.say(`The client has no terminal capability, so I cannot run \`${step.command}\`.`);
				return;
			}
			const result = await turn.runTerminal(step.command);
			await turn.say(`Exit code ${String(result.exitCode)}${result.truncated ? ' (output truncated)' : ''}. Output:\n${result.output}`);
			return;
		}
		case 'tool-output': {
			let text = '';
			for (let index = 0; index < step.kb; index++) text += kilobyte(index);
			const record = await turn.startTool({toolCallId: turn.newToolCallId(), title: `Read ${step.kb} KB`, kind: 'read', status: 'in_progress', content: [], locations: []});
			await turn.updateTool(record, {status: 'completed', content: [{type: 'content', content: {type: 'text', text}}]});
			await turn.say(`Read ${step.kb} KB.`);
			return;
		}
		case 'unknown-update': {
			await turn.rawUpdate({sessionUpdate: 'demo_custom_update', note: 'an update kind no client knows', value: 42});
			await turn.say('Sent an unknown update.');
			return;
		}
		case 'big': {
			let text = '';
			for (let index = 0; index < step.kb; index++) text += kilobyte(index);
			await turn.say(text);
			return;
		}
		case 'fs-read': {
			try {
				const {content} = await turn.orCancel(turn.env.client.request(methods.client.fs.readTextFile, {sessionId: turn.sessionId, path: step.path}));
				await turn.say(`Read ${step.path} (${content.length} chars):\n${content}`);
			} catch (error) {
				if (error instanceof Error && error.name === 'Cancelled') throw error;
				await turn.say(`Reading ${step.path} failed: ${errorText(error)}`);
			}
			return;
		}
		case 'fs-write': {
			try {
				await turn.orCancel(turn.env.client.request(methods.client.fs.writeTextFile, {sessionId: turn.sessionId, path: step.path, content: 'written by the agents demo agent\n'}));
				await turn.say(`Wrote ${step.path}.`);
			} catch (error) {
				if (error instanceof Error && error.name === 'Cancelled') throw error;
				await turn.say(`Writing ${step.path} failed: ${errorText(error)}`);
			}
		}
	}
}

/** Exactly 1024 ASCII characters, numbered so a reader can tell chunks apart. */
export function kilobyte(index: number): string {
	const head = `[${String(index).padStart(5, '0')}] `;
	const line = 'lorem ipsum dolor sit amet, consectetur adipiscing elit; ';
	return (head + line.repeat(Math.ceil(1024 / line.length))).slice(0, 1023) + '\n';
}

function errorText(error: unknown): string {
	if (error instanceof Error) {
		const code = (error as {code?: unknown}).code;
		return code === undefined ? error.message : `${error.message} (code ${String(code)})`;
	}
	return String(error);
}
