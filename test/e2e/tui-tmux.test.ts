/**
The real TUI under tmux (issue 4 "Must show", DESIGN §6, §12): a host with the demo agent, the built client in a
private tmux server, driven with `send-keys` and read with `capture-pane`. Open three sessions, split, prompt two,
see `running 2`, answer a permission from the chooser, cancel with Esc, detach and re-attach to the same
transcripts, and a second client at another size rendering at the same time. Each step builds on the one before,
so the tests run in order against one host.
*/
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import stringWidth from 'string-width';
import {bundle, createCliSandbox, waitFor, type CliSandbox} from '../helpers/cli-harness.js';
import {childPids, createTmux, processEnv, type Tmux} from '../helpers/tmux.js';

const main = 'main';
const side = 'side';
let sandbox: CliSandbox;
let tmux: Tmux;
let hostId: string;

const attachCommand = (): string => `${process.execPath} ${bundle} --attach ${hostId}`;
const lines = (screen: string): string[] => screen.replace(/\n+$/, '').split('\n');
const statusLine = (screen: string): string => lines(screen).at(-1) ?? '';
/** The client's status line is on screen: its last row starts with the bracketed host id. */
const attached = (screen: string): boolean => statusLine(screen).startsWith(`[${hostId}]`);

before(async () => {
	sandbox = createCliSandbox('agents-tui-');
	hostId = await sandbox.startDemoHost();
	tmux = createTmux({env: sandbox.env, cwd: sandbox.base});
	await tmux.newSession(main, 160, 48);
	await tmux.waitFor(main, 'the shell prompt', /^[$#] ?$/m);
	await tmux.type(main, attachCommand(), true);
	await tmux.waitFor(main, 'the client status line', attached);
});

after(async () => {
	await tmux?.kill();
	await sandbox?.cleanup();
});

test('inside tmux the client runs with TERM=screen-256color and draws a full 160×48 frame', async () => {
	const shell = await tmux.panePid(main);
	const client = await waitFor('the client process', () => childPids(shell)[0]);
	assert.equal(processEnv(shell, 'TERM'), 'screen-256color');
	assert.equal(processEnv(client, 'TERM'), 'screen-256color');
	const screen = await tmux.capture(main);
	assert.equal(lines(screen).length, 48, 'the status line is on the last row');
	assert.equal(stringWidth(statusLine(screen)), 160, 'the status line spans the full width (clock right-aligned)');
	assert.match(screen, /no session here: C-b c starts one/);
});

test('C-b c three times (prefix and key in one send-keys) opens three sessions', async () => {
	for (const count of [1, 2, 3]) {
		await tmux.keys(main, 'C-b', 'c');
		await tmux.waitFor(main, `${count} sessions in the status line`, screen => new RegExp(`\\b${count - 1}:\\S`).test(statusLine(screen)));
	}
	// The newest session is bound to the focused pane once its event is in the client's view.
	const screen = await tmux.waitFor(main, 'session 2 in the focused pane', /^▶ 2 \S+ · /m);
	assert.doesNotMatch(screen, /❯ c/, 'the command key was not typed into the input');
});

test('split, prompt two sessions: the status line shows running 2', async () => {
	await tmux.keys(main, 'C-b', '%');
	// The new right pane shows the first session not visible yet (0) and takes focus.
	await tmux.waitFor(main, 'the split', screen => /│▶ 0 /.test(lines(screen)[0] ?? ''));
	await tmux.type(main, '!stall', true);
	await tmux.waitFor(main, 'the stalled turn', /Stalling until cancelled/);
	await tmux.keys(main, 'C-b', 'o');
	await tmux.waitFor(main, 'focus on the left pane', screen => /^▶ 2 /.test(lines(screen)[0] ?? ''));
	await tmux.type(main, '!delay:150 !chunks:200', true);
	await tmux.waitFor(main, 'running 2', screen => /running 2 │/.test(statusLine(screen)));
	const screen = await tmux.waitFor(main, 'the stream in the left pane', /^ {2}chunk 1 chunk 2 /m);
	assert.match(statusLine(screen), /running 2 │/, 'both turns still run while the stream shows');
});

test('a permission is answered from the chooser (C-b w, move, a)', async () => {
	// Ask in session 1, then show session 2 again so the request is in a session no pane shows.
	await tmux.keys(main, 'C-b', '1');
	await tmux.waitFor(main, 'session 1 in the left pane', screen => /^▶ 1 /.test(lines(screen)[0] ?? ''));
	await tmux.type(main, '!permission', true);
	await tmux.waitFor(main, 'waiting 1', screen => /waiting 1 │/.test(statusLine(screen)));
	await tmux.keys(main, 'C-b', '2');
	await tmux.waitFor(main, 'session 2 in the left pane', screen => /^▶ 2 /.test(lines(screen)[0] ?? ''));
	await tmux.keys(main, 'C-b', 'w');
	await tmux.waitFor(main, 'the chooser', /choose a session/);
	await tmux.keys(main, 'Up');
	await tmux.waitFor(main, 'session 1 highlighted', /^▶ 1 ! \S+ +waiting/m);
	await tmux.keys(main, 'a');
	const screen = await tmux.waitFor(main, 'the answered permission', /Permission granted: allow_once/);
	assert.doesNotMatch(statusLine(screen), /waiting/);
	await tmux.keys(main, 'q');
	await tmux.waitFor(main, 'the chooser closed', screen => !/choose a session/.test(screen));
});

test('Esc cancels the focused turn', async () => {
	await tmux.keys(main, 'C-b', 'o');
	await tmux.waitFor(main, 'focus on the stalled session', screen => /│▶ 0 /.test(lines(screen)[0] ?? ''));
	await tmux.keys(main, 'Escape');
	// The transcript and the status line may reach the terminal in separate frames (transcripts are painted outside
	// Ink, which renders the chrome at most 60 times a second): wait for both.
	const screen = await tmux.waitFor(main, 'the cancelled turn and the status line', current => /── cancelled · /.test(current) && /│ \d\d:\d\d/.test(statusLine(current)) && !/running 2/.test(statusLine(current)));
	assert.match(screen, /Stalling until cancelled/);
});

test('a second client at 100×30 renders at its own size while the first keeps 160×48', async () => {
	await tmux.newSession(side, 100, 30);
	await tmux.waitFor(side, 'the shell prompt', /^[$#] ?$/m);
	await tmux.type(side, attachCommand(), true);
	const screen = await tmux.waitFor(side, 'the second client', attached);
	assert.equal(lines(screen).length, 30);
	assert.equal(stringWidth(statusLine(screen)), 100);
	for (const line of lines(screen)) assert.ok(stringWidth(line) <= 100, `row wider than 100: ${line}`);
	// Its one pane shows session 0 with the transcript the first client shows.
	assert.match(screen, /Stalling until cancelled/);
	assert.match(screen, /── cancelled · /);
	// An action from the second client shows in the first, which stays at its own size.
	await tmux.type(side, '!quick from the second client', true);
	await tmux.waitFor(side, 'the reply in the second client', /ok: .*from the second client/);
	const first = await tmux.waitFor(main, 'the reply in the first client', /ok: .*from the second client/);
	assert.equal(lines(first).length, 48);
	assert.equal(stringWidth(statusLine(first)), 160);
	assert.match(first, /^▶ 2 |│▶ 0 /m, 'the first client kept its split layout');
});

test('C-b d detaches with [detached from <id>]; --attach shows the same transcripts', async () => {
	await tmux.keys(main, 'C-b', 'd');
	await tmux.waitFor(main, 'the detach message', screen => screen.includes(`[detached from ${hostId}]`));
	await tmux.type(main, attachCommand(), true);
	let screen = await tmux.waitFor(main, 're-attached', attached);
	// The host kept every session; the first one is shown with its cancelled turn and the second client's prompt.
	assert.match(statusLine(screen), /\b0:\S.*\b1:\S.*\b2:\S/);
	screen = await tmux.waitFor(main, 'session 0 transcript', /ok: .*from the second client/);
	assert.match(screen, /Stalling until cancelled/);
	await tmux.keys(main, 'C-b', '1');
	screen = await tmux.waitFor(main, 'session 1 transcript', /Permission granted: allow_once/);
	assert.match(screen, /allowed by /);
	await tmux.keys(main, 'C-b', '2');
	await tmux.waitFor(main, 'session 2 transcript', /chunk 1 chunk 2 /);
});
