import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {matchHostId, ResolveError} from '../../source/ipc/discovery.js';
import {createRunDir, maxSocketPathBytes, projectName} from '../../source/ipc/host-id.js';
import {readHostJson, writeHostJson, type HostJson} from '../../source/ipc/host-json.js';
import {ensureRuntimeRoot} from '../../source/ipc/runtime-root.js';

const base = mkdtempSync(join(tmpdir(), 'agents-ipc-files-'));
after(() => rmSync(base, {recursive: true, force: true}));
let counter = 0;
const fresh = (): string => join(base, `r${++counter}`);

test('ensureRuntimeRoot creates a 0700 directory and accepts it again', () => {
	const root = join(fresh(), 'agents-0');
	assert.equal(ensureRuntimeRoot({AGENTS_TMPDIR: root}), root);
	assert.equal(statSync(root).mode & 0o777, 0o700);
	assert.equal(ensureRuntimeRoot({AGENTS_TMPDIR: root}), root);
});

test('ensureRuntimeRoot refuses a world-writable directory and does not chmod it', () => {
	const root = fresh();
	mkdirSync(root, {mode: 0o700});
	chmodSync(root, 0o777);
	assert.throws(() => ensureRuntimeRoot({AGENTS_TMPDIR: root}), (error: Error) => error.message.includes(root) && error.message.includes('unsafe permissions 0777'));
	assert.equal(statSync(root).mode & 0o777, 0o777);
});

test('ensureRuntimeRoot refuses a symlink to a good directory', () => {
	const target = fresh();
	mkdirSync(target, {mode: 0o700});
	const link = fresh();
	symlinkSync(target, link);
	assert.throws(() => ensureRuntimeRoot({AGENTS_TMPDIR: link}), (error: Error) => error.message.includes(link) && error.message.includes('is a symlink'));
});

test('ensureRuntimeRoot refuses a regular file', () => {
	const file = fresh();
	writeFileSync(file, '');
	assert.throws(() => ensureRuntimeRoot({AGENTS_TMPDIR: file}), (error: Error) => error.message.includes(file) && error.message.includes('not a directory'));
});

test('ensureRuntimeRoot refuses a directory owned by another uid', {skip: process.getuid?.() === 0 ? false : 'needs root to chown'}, () => {
	const root = fresh();
	mkdirSync(root, {mode: 0o700});
	chownSync(root, 1234, 1234);
	assert.throws(() => ensureRuntimeRoot({AGENTS_TMPDIR: root}), (error: Error) => error.message.includes(root) && error.message.includes('owned by uid 1234'));
});

test('createRunDir sanitizes parts and gives distinct ids to two runs in the same second', () => {
	const root = fresh();
	mkdirSync(root, {mode: 0o700});
	const parts = {hostname: 'my box', project: 'rule.sets', agent: 'claude/acp', epoch: 1_763_762_400};
	const first = createRunDir(root, parts);
	const second = createRunDir(root, parts);
	assert.equal(first.hostId, 'my-box.rule-sets.claude-acp.1763762400');
	assert.equal(second.hostId, 'my-box.rule-sets.claude-acp.1763762401');
	assert.equal(first.socketPath, join(root, first.hostId, 'sock'));
	assert.equal(statSync(first.runDir).mode & 0o777, 0o700);
});

test('createRunDir shortens the project part, never the epoch, to keep the socket path short', () => {
	const root = join(fresh(), 'x'.repeat(40));
	mkdirSync(root, {recursive: true, mode: 0o700});
	const {hostId, socketPath} = createRunDir(root, {hostname: 'host', project: 'p'.repeat(80), agent: 'gemini', epoch: 1_763_762_400});
	assert.ok(Buffer.byteLength(socketPath) <= maxSocketPathBytes, `${socketPath.length}`);
	assert.match(hostId, /^host\.p+\.gemini\.1763762400$/);
	assert.ok(hostId.length < 'host.'.length + 80);
});

test('8 concurrent processes minting in the same second get 8 distinct ids', async () => {
	const root = fresh();
	mkdirSync(root, {mode: 0o700});
	const script = fileURLToPath(new URL('../helpers/mint-run-dir.ts', import.meta.url));
	const tsx = import.meta.resolve('tsx');
	const run = promisify(execFile);
	const outputs = await Promise.all(Array.from({length: 8}, async () => run(process.execPath, ['--import', tsx, script, root, '1763762400'])));
	const ids = outputs.map(output => output.stdout.trim());
	assert.equal(new Set(ids).size, 8, ids.join(' '));
	assert.equal(readdirSync(root).length, 8);
});

test('projectName uses the git top level, else the directory name', () => {
	const plain = join(fresh(), 'plain-dir');
	mkdirSync(plain, {recursive: true});
	assert.equal(projectName(plain), 'plain-dir');
	assert.equal(projectName(join(process.cwd(), 'source', 'ipc')), projectName(process.cwd()));
});

test('host.json round-trips, is 0600, and leaves no temp files; invalid content reads as undefined', () => {
	const dir = fresh();
	mkdirSync(dir, {mode: 0o700});
	assert.equal(readHostJson(dir), undefined);
	const data: HostJson = {hostId: 'a.b.c.1', pid: 42, agent: 'demo', command: 'node', args: ['x'], cwd: '/tmp', started: '2026-11-21T00:00:00.000Z', protocol: 1};
	writeHostJson(dir, data);
	writeHostJson(dir, {...data, pid: 43});
	assert.deepEqual(readHostJson(dir), {...data, pid: 43});
	assert.deepEqual(readdirSync(dir), ['host.json']);
	assert.equal(statSync(join(dir, 'host.json')).mode & 0o777, 0o600);
	writeFileSync(join(dir, 'host.json'), '{"hostId": "torn');
	assert.equal(readHostJson(dir), undefined);
	writeFileSync(join(dir, 'host.json'), '{"hostId": "x"}');
	assert.equal(readHostJson(dir), undefined);
	assert.ok(existsSync(dir));
});

test('matchHostId: exact, unique prefix, unique dot part; ambiguity and unknown list candidates', () => {
	const ids = ['velox.rulesets.claude.1763762400', 'velox.rulesets.gemini.1763762401', 'velox.web.claude.1763762500'];
	assert.equal(matchHostId('velox.web.claude.1763762500', ids), 'velox.web.claude.1763762500');
	assert.equal(matchHostId('velox.rulesets.g', ids), 'velox.rulesets.gemini.1763762401');
	assert.equal(matchHostId('gemini', ids), 'velox.rulesets.gemini.1763762401');
	assert.equal(matchHostId('1763762400', ids), 'velox.rulesets.claude.1763762400');
	assert.throws(() => matchHostId('claude', ids), (error: unknown) => error instanceof ResolveError
		&& error.candidates.length === 2 && error.message.includes('velox.rulesets.claude.1763762400') && error.message.includes('velox.web.claude.1763762500'));
	assert.throws(() => matchHostId('velox', ids), (error: unknown) => error instanceof ResolveError && error.candidates.length === 3 && /ambiguous/.test(error.message));
	assert.throws(() => matchHostId('codex', ids), (error: unknown) => error instanceof ResolveError && /no host matches "codex"/.test(error.message) && error.candidates.length === 3);
});
