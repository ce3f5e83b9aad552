/** `agents new-session ID [--cwd DIR]`: open a session on the host's agent; prints its id alone (DESIGN §8). */
import {resolve} from 'node:path';
import {withHost} from './connect.js';
import {writeOut, type CommandIo} from './io.js';

export async function newSessionCommand(query: string, options: {readonly cwd?: string}, io: CommandIo): Promise<number> {
	const session = await withHost(query, io, 'new-session', async client => client.newSession(options.cwd ? {cwd: resolve(options.cwd)} : {}));
	await writeOut(io, `${session.id}\n`);
	return 0;
}
