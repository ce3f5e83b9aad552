// A stand-in host daemon for ipc tests: `__host --id ID [--fail MSG] [--exit] [--sessions N]` serves a fake
// HostApi on <runtime root>/<ID>/sock, writes host.json and reports readiness on fd 3 like the real host.
import {rmSync} from 'node:fs';
import {join} from 'node:path';
import {writeHostJson} from '../../source/ipc/host-json.js';
import {serveHost} from '../../source/ipc/host-server.js';
import {protocolVersion} from '../../source/ipc/protocol.js';
import {ensureRuntimeRoot} from '../../source/ipc/runtime-root.js';
import {signalReady} from '../../source/ipc/spawn-host.js';
import {createFakeHostApi} from './fake-host-api.js';

const argv = process.argv.slice(2);
const value = (name: string): string | undefined => {
	const index = argv.indexOf(name);
	return index === -1 ? undefined : argv[index + 1];
};

const id = value('--id') ?? 'missing-id';
const log = (line: string): void => {
	process.stdout.write(`${line}\n`);
};

process.on('SIGHUP', () => log('SIGHUP ignored'));
if (argv.includes('--exit')) process.exit(7);
const failure = value('--fail');
if (failure) {
	signalReady({ok: false, error: failure});
	process.exit(1);
}

const runDir = join(ensureRuntimeRoot(), id);
const api = createFakeHostApi(id);
for (let index = 0; index < Number(value('--sessions') ?? 0); index++) api.addSession(`s${index + 1}`);
const shutdown = api.shutdown;
api.shutdown = async reason => {
	await shutdown(reason);
	setTimeout(() => {
		void server.close().then(() => {
			rmSync(runDir, {recursive: true, force: true});
			process.exit(0);
		});
	}, 20);
};

const server = await serveHost(api, {hostId: id, socketPath: join(runDir, 'sock'), log});
writeHostJson(runDir, {hostId: id, pid: process.pid, agent: 'fake', command: 'fake', args: [], cwd: process.cwd(), started: new Date().toISOString(), protocol: protocolVersion});
signalReady({ok: true});
log('ready');
