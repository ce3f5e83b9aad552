/**
The demo agent's sessions on disk: `<stateDir>/<sessionId>.json`, written atomically (temp file, fsync,
rename) so `session/load` works in a new process after the old one died (DESIGN §4.2).
*/
import {randomUUID} from 'node:crypto';
import {closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import type {ToolCallContent, ToolCallLocation} from '../acp/agent-side.js';

export type HistoryItem =
	| {readonly role: 'user'; readonly text: string}
	| {readonly role: 'agent'; readonly text: string}
	| {
		readonly role: 'tool';
		readonly toolCallId: string;
		readonly title: string;
		readonly kind: 'read' | 'edit' | 'execute' | 'other';
		readonly status: 'completed' | 'failed' | 'pending' | 'in_progress';
		readonly content: ToolCallContent[];
		readonly locations: ToolCallLocation[];
	};

export type StoredSession = {
	readonly version: 1;
	readonly sessionId: string;
	readonly cwd: string;
	title?: string;
	readonly createdAt: string;
	updatedAt: string;
	modeId: string;
	model: string;
	history: HistoryItem[];
};

const uuidPattern = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/;

export class SessionStore {
	readonly dir: string;

	constructor(dir: string) {
		this.dir = dir;
	}

	path(sessionId: string): string {
		return join(this.dir, `${sessionId}.json`);
	}

	save(session: StoredSession): void {
		mkdirSync(this.dir, {recursive: true});
		session.updatedAt = new Date().toISOString();
		const target = this.path(session.sessionId);
		const temporary = `${target}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
		const fd = openSync(temporary, 'w', 0o600);
		try {
			writeSync(fd, JSON.stringify(session));
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		renameSync(temporary, target);
	}

	/** The stored session, or undefined when the id is unknown, malformed, or its file unreadable. */
	read(sessionId: string): StoredSession | undefined {
		// The id names a file: accept only the UUIDs this agent mints, never a path.
		if (!uuidPattern.test(sessionId)) return undefined;
		try {
			const parsed = JSON.parse(readFileSync(this.path(sessionId), 'utf8')) as StoredSession;
			return parsed.sessionId === sessionId && Array.isArray(parsed.history) ? parsed : undefined;
		} catch {
			return undefined;
		}
	}

	list(): StoredSession[] {
		let names: string[];
		try {
			names = readdirSync(this.dir);
		} catch {
			return [];
		}
		const sessions: StoredSession[] = [];
		for (const name of names) {
			if (!name.endsWith('.json')) continue;
			const session = this.read(name.slice(0, -'.json'.length));
			if (session) sessions.push(session);
		}
		return sessions.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
	}
}
