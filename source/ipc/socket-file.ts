/**
The socket file itself (DESIGN §4.1, §11): bound under umask 0177 so it is 0600 from the moment bind()
creates it, and a leftover file nobody listens on is replaced.
*/
import {lstatSync, unlinkSync} from 'node:fs';
import net from 'node:net';

export function inodeOf(path: string): number | undefined {
	try {
		return lstatSync(path).ino;
	} catch {
		return undefined;
	}
}

/** Listens with umask 0177 so the socket is 0600 from the moment bind() creates it (DESIGN §4.1). */
export async function listenPrivate(socketPath: string, onConnection: (socket: net.Socket) => void, log: (line: string) => void): Promise<net.Server> {
	const attempt = async (): Promise<net.Server> => new Promise((resolve, reject) => {
		const server = net.createServer(onConnection);
		server.once('error', reject);
		const previous = process.umask(0o177);
		try {
			server.listen(socketPath, () => {
				server.off('error', reject);
				server.on('error', error => log(`socket server error: ${error.message}`));
				resolve(server);
			});
		} finally {
			// bind() happens synchronously inside listen(), so restoring at once is safe (notes §5).
			process.umask(previous);
		}
	});

	try {
		return await attempt();
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || await answers(socketPath)) throw error;
		// A leftover socket file nobody listens on (our run dir is ours alone): replace it.
		unlinkSync(socketPath);
		return attempt();
	}
}

async function answers(socketPath: string): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect(socketPath);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}
