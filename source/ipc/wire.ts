/**
The wire protocol's constants and the `hello` result (DESIGN §5), apart from protocol.ts's zod schemas: a client
(`attach`, `ls`, `status`) needs only these, and loading zod costs ~15-25 ms of every start (DESIGN §10 attach budget).
Only the host validates requests, so only the host loads zod.
*/
import type {Snapshot} from '../model/types.js';

/** Bumped on any incompatible change; `hello` refuses a mismatch explicitly (tmux `MSG_VERSION`). */
export const protocolVersion = 1;

/** Hard cap per line in both directions (DESIGN §5); readline has no cap, so we split ourselves. */
export const maxLineBytes = 1024 * 1024;

/** Transcript entries per session in a snapshot unless the client asks for another tail. */
export const defaultSnapshotTail = 200;

/** JSON-RPC error codes: the standard ones plus ours in the implementation-defined range. */
export const errorCodes = {
	parseError: -32_700,
	invalidRequest: -32_600,
	methodNotFound: -32_601,
	invalidParams: -32_602,
	internalError: -32_603,
	/** A HostError from the host; `data.code` carries its HostErrorCode. */
	hostError: -32_000,
	protocolMismatch: -32_001,
	helloRequired: -32_002,
	readOnly: -32_003,
	lineTooLong: -32_004,
	tooLarge: -32_005,
} as const;

/** Host → client notifications. */
export const notificationMethods = {event: 'event', snapshot: 'snapshot'} as const;

/** `hello` result. */
export type HelloResult = {
	readonly hostId: string;
	readonly protocol: number;
	readonly clientId: string;
	readonly snapshot: Snapshot;
};
