/** `agents restart ID`: respawn the agent and restore every session (DESIGN §4.2). */
import {withHost} from './connect.js';
import type {CommandIo} from './io.js';

export async function restartCommand(query: string, io: CommandIo): Promise<number> {
	await withHost(query, io, 'restart', async client => client.restartAgent());
	return 0;
}
