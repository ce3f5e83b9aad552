/**
The first frame of an attach is drawn from the snapshot before Ink loads (source/ui/boot-frame.ts, DESIGN §10
attach budget). It must be the frame Ink then renders — same titles, transcript, input and status line — so that Ink's
first frame costs only a few bytes, and keys typed before Ink starts must still arrive.
*/
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {runTui} from '../../source/ui/run-tui.js';
import {FakeHostClient} from '../helpers/fake-host-client.js';
import {FakeStdin, FakeTerminal} from '../helpers/tui-harness.js';

const withoutClock = (lines: readonly string[]): string[] => lines.map(line => line.replace(/\d\d:\d\d$/, 'HH:MM'));

async function until(predicate: () => boolean, ms = 5000): Promise<void> {
	const end = Date.now() + ms;
	while (!predicate()) {
		if (Date.now() > end) throw new Error('condition not met');
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

function start(): {terminal: FakeTerminal; stdin: FakeStdin; running: ReturnType<typeof runTui>} {
	const client = new FakeHostClient({sessions: 3});
	client.say('sess-1', `# Notes\n\n${Array.from({length: 40}, (_, i) => `line ${i} of the **answer**`).join('\n')}\n`);
	client.requestPermission('sess-2');
	client.resnapshot();
	const terminal = new FakeTerminal(120, 32);
	const stdin = new FakeStdin();
	const running = runTui(client, {config: {}, banner: 'hello from the banner', stdout: terminal as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream});
	return {terminal, stdin, running};
}

/** Ink is up once it has put the cursor on the input (its first frame). */
async function inkStarted(terminal: FakeTerminal): Promise<void> {
	await until(() => terminal.screen.cursorVisible);
	await new Promise(resolve => setTimeout(resolve, 50));
}

test('the boot frame is the frame Ink renders, and Ink\'s first frame sends only its differences', async () => {
	const {terminal, stdin, running} = start();
	try {
		// Everything up to the Ink import runs synchronously inside the call.
		const boot = terminal.screen.lines();
		const bootBytes = terminal.bytes;
		assert.match(boot.join('\n'), /line 39 of the answer/, boot.join('\n'));
		assert.match(boot.at(-1) ?? '', /^hello from the banner │ \[box\.proj\.demo\.\d+\] demo 0:sess-1/);
		assert.match(boot[0] ?? '', /^▶ 0 sess-1/);
		assert.ok(boot.some(line => line.startsWith('❯ ')), 'the input box');
		assert.equal(terminal.screen.cursorVisible, false);
		await inkStarted(terminal);
		assert.deepEqual(withoutClock(terminal.screen.lines()), withoutClock(boot));
		const inkBytes = terminal.bytes - bootBytes;
		assert.ok(inkBytes < bootBytes / 20, `Ink's first frames cost ${inkBytes} bytes after a ${bootBytes}-byte boot frame`);
	} finally {
		stdin.write('\u0002d');
	}
	assert.deepEqual(await running, {reason: 'detached'});
});

test('keys typed before Ink has started reach the input', async () => {
	const {terminal, stdin, running} = start();
	try {
		stdin.write('typed early');
		await inkStarted(terminal);
		assert.match(terminal.screen.lines().join('\n'), /❯ typed early/);
	} finally {
		stdin.write('\u0002d');
	}
	assert.deepEqual(await running, {reason: 'detached'});
});
