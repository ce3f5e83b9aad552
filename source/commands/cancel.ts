/**
`agents cancel ID [-s SID]`: cancel the turn of one session, or with no `-s` every turn in flight on the host
(DESIGN §4.3: `session/cancel`, pending permissions answered `cancelled`; the turn ends with the agent's stopReason).
*/
import {resolveSession, withHost} from './connect.js';
import type {CommandIo} from './io.js';

const busy = new Set(['running', 'waiting', 'cancelling']);

export async function cancelCommand(query: string, options: {readonly session?: string}, io: CommandIo): Promise<number> {
	await withHost(query, io, 'cancel', async client => {
		const targets = options.session
			? [resolveSession(client.snapshot, options.session)]
			: client.snapshot.sessions.map(session => session.info).filter(info => busy.has(info.state));
		if (targets.length === 0) {
			io.stderr.write(`agents: no turn in flight on ${client.hostId}\n`);
			return;
		}

		await Promise.all(targets.map(async info => client.cancel(info.id)));
	});
	return 0;
}
