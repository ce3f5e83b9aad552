/**
The released gemini-cli (`@google/gemini-cli`, a dev dependency; `gemini --acp`) set up to run offline: a temp HOME
whose `~/.gemini/settings.json` turns off usage statistics, telemetry, update checks, IDE integration and
checkpointing, and an environment that points the Gemini API client at the local stub model server.

How gemini-cli 0.61.0 finds a model without logging in (read from its bundle): `GOOGLE_GEMINI_BASE_URL` selects
the "gateway" auth type (`getAuthTypeFromEnv`, `AcpSessionManager.newSession`) and becomes the `@google/genai`
base URL; the key comes from `GEMINI_API_KEY` (sent as `x-goog-api-key`). `security.auth.selectedType` must stay
unset: "gateway" is not accepted there at start-up ("Invalid auth method selected"). A fixed `model.name` skips
the `auto` model router, whose classifier would make an extra `:generateContent` call per prompt.
With `privacy.usageStatisticsEnabled: false` no Clearcut logging (play.googleapis.com) and no installation-id
header. TMPDIR is ours too: gemini writes error reports (`gemini-client-error-*.json`) to the OS temp dir.
*/
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {projectRoot} from './host-harness.js';

export const geminiVersion = '0.61.0';

/** `bundle/gemini.js` of the installed package; throws a clear message when it is missing (fail, never skip). */
export function geminiBundle(): string {
	const require = createRequire(join(projectRoot, 'package.json'));
	let manifest: string;
	try {
		manifest = require.resolve('@google/gemini-cli/package.json');
	} catch {
		throw new Error(`gemini test: @google/gemini-cli is not installed; run \`npm ci\` (it is a dev dependency, ${geminiVersion})`);
	}
	const {version, bin} = JSON.parse(readFileSync(manifest, 'utf8')) as {version: string; bin: {gemini: string}};
	if (version !== geminiVersion) throw new Error(`gemini test: @google/gemini-cli ${version} is installed, the tests expect ${geminiVersion}; run \`npm ci\``);
	const bundle = join(dirname(manifest), bin.gemini);
	if (!existsSync(bundle)) throw new Error(`gemini test: ${bundle} is missing; reinstall with \`npm ci\``);
	return bundle;
}

export type GeminiSetup = {
	readonly agent: {readonly name: string; readonly command: string; readonly args: readonly string[]; readonly env: Readonly<Record<string, string>>};
	readonly home: string;
};

const inheritedToBlank = [
	'GEMINI_CLI_HOME', 'GEMINI_MODEL', 'GEMINI_SANDBOX', 'SANDBOX', 'GOOGLE_API_KEY', 'GOOGLE_GENAI_USE_GCA', 'GOOGLE_GENAI_USE_VERTEXAI',
	'GOOGLE_CLOUD_PROJECT', 'GOOGLE_CLOUD_LOCATION', 'GOOGLE_APPLICATION_CREDENTIALS', 'GEMINI_CLI_CUSTOM_HEADERS',
	'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy',
] as const;

/** The settings an offline run needs (`~/.gemini/settings.json`). */
export const offlineSettings = {
	privacy: {usageStatisticsEnabled: false},
	telemetry: {enabled: false},
	general: {enableAutoUpdate: false, enableAutoUpdateNotification: false, checkpointing: {enabled: false}},
	model: {name: 'gemini-2.5-flash'},
	security: {folderTrust: {enabled: false}},
	tools: {useRipgrep: false},
	ide: {enabled: false},
} as const;

/**
Write `<root>/home/.gemini/settings.json` and return the agent spec. It runs as the `gemini` preset does
(`gemini --acp`, which relaunches itself as a child node process) unless `noRelaunch` is set.
*/
export function geminiAgent(root: string, modelOrigin: string, options: {readonly noRelaunch?: boolean} = {}): GeminiSetup {
	const home = join(root, 'home');
	const tmp = join(root, 'tmp');
	mkdirSync(join(home, '.gemini'), {recursive: true});
	mkdirSync(tmp, {recursive: true});
	writeFileSync(join(home, '.gemini', 'settings.json'), `${JSON.stringify(offlineSettings, undefined, '\t')}\n`);
	return {
		home,
		agent: {
			name: 'gemini',
			// The bundle under the node running the tests (Node 24): a `#!/usr/bin/env node` shebang would pick
			// whatever node is first on PATH.
			command: process.execPath,
			args: [geminiBundle(), '--acp'],
			env: {
				HOME: home,
				TMPDIR: tmp,
				GEMINI_API_KEY: 'stub-key',
				GOOGLE_GEMINI_BASE_URL: modelOrigin,
				NO_COLOR: '1',
				NO_BROWSER: '1',
				// Blank whatever the runner's environment says about Google auth, proxies or sandboxes (every one of
				// these is read with `||`, so '' counts as unset): the run must not depend on the machine.
				...Object.fromEntries(inheritedToBlank.map(key => [key, ''])),
				...(options.noRelaunch ? {GEMINI_CLI_NO_RELAUNCH: 'true'} : {}),
			},
		},
	};
}
