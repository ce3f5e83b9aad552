/**
The socket is the security boundary (DESIGN §4.1, §11): an unsafe runtime root (world-writable, a symlink)
makes the host refuse to start with a message naming the path; the socket is 0600 in 0700 directories.
*/
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, statSync, symlinkSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {createCliSandbox, type CliSandbox} from '../helpers/cli-harness.js';

let sandbox: CliSandbox;
before(() => {
	sandbox = createCliSandbox();
});
after(async () => {
	await sandbox.cleanup();
});

test('a runtime root with mode 0777 is refused with its path', async () => {
	const root = join(sandbox.base, 'open');
	mkdirSync(root, {mode: 0o777});
	chmodSync(root, 0o777);
	const result = await sandbox.run(['-d', '-a', 'demo'], {env: {...sandbox.env, AGENTS_TMPDIR: root}});
	assert.equal(result.code, 1);
	assert.equal(result.stdout, '');
	assert.ok(result.stderr.includes(root), result.stderr);
	assert.match(result.stderr, /unsafe permissions|0777/);
	assert.equal(statSync(root).mode & 0o777, 0o777, 'never chmods the directory');
});

test('a runtime root that is a symlink is refused with its path', async () => {
	const target = join(sandbox.base, 'target');
	mkdirSync(target, {mode: 0o700});
	const link = join(sandbox.base, 'link');
	symlinkSync(target, link);
	const result = await sandbox.run(['-d', '-a', 'demo'], {env: {...sandbox.env, AGENTS_TMPDIR: link}});
	assert.equal(result.code, 1);
	assert.ok(result.stderr.includes(link), result.stderr);
	assert.match(result.stderr, /symlink/);
});

test('the socket is 0600 inside 0700 directories', async () => {
	const hostId = await sandbox.startDemoHost();
	assert.equal(statSync(sandbox.runtimeRoot).mode & 0o777, 0o700);
	assert.equal(statSync(join(sandbox.runtimeRoot, hostId)).mode & 0o777, 0o700);
	const socket = statSync(join(sandbox.runtimeRoot, hostId, 'sock'));
	assert.ok(socket.isSocket());
	assert.equal(socket.mode & 0o777, 0o600);
	// Another local user cannot connect (DESIGN §11). Switching uid needs root, which these machines and CI are;
	// elsewhere the check is the mode assertions above.
	if (process.getuid?.() === 0) {
		const probe = spawnSync(process.execPath, ['-e', `require('node:net').connect(${JSON.stringify(join(sandbox.runtimeRoot, hostId, 'sock'))}).on('error', e => { console.log(e.code); process.exit(0); }).on('connect', () => { console.log('CONNECTED'); process.exit(0); })`], {uid: 65_534, gid: 65_534, encoding: 'utf8', cwd: '/'});
		assert.equal(probe.stdout.trim(), 'EACCES', probe.stderr);
	}
	const killed = await sandbox.run(['kill', hostId]);
	assert.equal(killed.code, 0, killed.stderr);
});
