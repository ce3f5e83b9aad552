/**
Log budgets (DESIGN §10): append rate of the real writer (≥ 100,000 lines/s) and the time until
`agents logs ID` has printed its first page (~50 lines) of a 100 MB log (≤ 300 ms), measured through
`logsCommand` with a non-TTY stdout that goes away after the first page, as `head` would.
Runnable alone: `node --import=tsx bench/log-bench.ts`.
*/
import {statSync} from 'node:fs';
import {Writable} from 'node:stream';
import {logsCommand} from '../source/commands/logs.js';
import {openSessionLog} from '../source/log/session-log-writer.js';
import type {LogRecordBody} from '../source/model/log-record.js';
import {benchEnvironment, type BenchRow} from './bench-env.js';

const chunk = (text: string): LogRecordBody => ({type: 'update', update: {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text}}});

function appendRate(env: NodeJS.ProcessEnv): number {
	const writer = openSessionLog({hostId: 'bench.logs.demo.1', sessionId: 'append', created: new Date(), env});
	const lines = 200_000;
	const record = chunk('a streamed token or two ');
	const started = performance.now();
	for (let index = 0; index < lines; index++) writer.append(record);
	writer.flush();
	const seconds = (performance.now() - started) / 1000;
	writer.close();
	return lines / seconds;
}

/** A realistic 100 MB conversation: turns of streamed chunks, tool calls with diffs, permissions. */
function writeBigLog(env: NodeJS.ProcessEnv, targetBytes: number): string {
	const writer = openSessionLog({hostId: 'bench.logs.demo.1', sessionId: 'big', created: new Date(), env});
	writer.append({type: 'session-start', cwd: '/work/project', agent: 'demo', mcpServers: []});
	const filler = 'lorem ipsum dolor sit amet '.repeat(8);
	let bytes = 0;
	for (let turn = 1; bytes < targetBytes; turn++) {
		writer.append({type: 'prompt', text: `question number ${turn}: ${filler}`, client: 'bench'});
		for (let index = 0; index < 40; index++) writer.append(chunk(`${filler}${index % 8 === 7 ? '\n' : ''}`));
		const toolCallId = `call_${turn}`;
		writer.append({type: 'update', update: {sessionUpdate: 'tool_call', toolCallId, title: `Edit file${turn}.ts`, kind: 'edit', status: 'pending'}});
		writer.append({type: 'permission-request', requestId: `r${turn}`, toolCall: {toolCallId}, options: [{optionId: 'allow', name: 'Allow once', kind: 'allow_once'}]});
		writer.append({type: 'permission-outcome', requestId: `r${turn}`, outcome: {outcome: 'selected', optionId: 'allow'}, client: 'bench'});
		writer.append({type: 'update', update: {sessionUpdate: 'tool_call_update', toolCallId, status: 'completed', content: [{type: 'diff', path: `/work/project/file${turn}.ts`, oldText: filler, newText: filler.toUpperCase()}]}});
		writer.append({type: 'turn-end', stopReason: 'end_turn', ms: 1234});
		bytes += 45 * 420;
	}

	writer.close();
	return writer.path;
}

async function firstPageMs(env: NodeJS.ProcessEnv): Promise<number> {
	let lines = 0;
	let firstPage = Number.NaN;
	let started = 0;
	const stdout = new Writable({
		write(data: Buffer, _encoding, callback) {
			lines += data.toString().split('\n').length - 1;
			if (lines >= 50 && Number.isNaN(firstPage)) {
				firstPage = performance.now() - started;
				this.destroy();
			}

			callback();
		},
	});
	const stderr = new Writable({write: (_data, _encoding, callback) => callback()});
	started = performance.now();
	const code = await logsCommand(['big'], {}, {stdout, stderr, env});
	if (code !== 0) throw new Error(`agents logs exited ${code}`);
	return firstPage;
}

export async function benchLogs(): Promise<BenchRow[]> {
	const {env, cleanup} = benchEnvironment('logs');
	try {
		const rate = appendRate(env);
		const bigPath = writeBigLog(env, 100 * 1024 * 1024);
		const bigBytes = statSync(bigPath).size;
		const samples: number[] = [];
		for (let index = 0; index < 5; index++) samples.push(await firstPageMs(env));
		samples.sort((a, b) => a - b);
		return [
			{metric: 'log append rate', value: Math.round(rate), unit: 'lines/s', budget: '≥ 100000'},
			{metric: `agents logs: first page of a ${Math.round(bigBytes / 1e6)} MB log (median of 5)`, value: Math.round(samples[2]! * 10) / 10, unit: 'ms', budget: '≤ 300'},
		];
	} finally {
		cleanup();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const rows = await benchLogs();
	console.table(rows);
}
