import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {test} from 'node:test';
import {hostNodeFlags} from '../../source/ipc/spawn-host.js';

test('this Node accepts every host flag (an unknown V8 flag would keep the host from starting)', () => {
	const result = spawnSync(process.execPath, [...hostNodeFlags, '-e', 'process.stdout.write(String(1 + 1))'], {encoding: 'utf8'});
	assert.equal(result.stderr, '');
	assert.equal(result.status, 0);
	assert.equal(result.stdout, '2');
});

test('an unknown flag does fail, so the check above can fail', () => {
	const result = spawnSync(process.execPath, ['--no-such-v8-flag-for-agents', '-e', '0'], {encoding: 'utf8'});
	assert.notEqual(result.status, 0);
});
