/**
The released codex-acp (`@zed-industries/codex-acp`, a dev dependency) set up to run offline: a temp HOME and
CODEX_HOME whose `config.toml` names a custom model provider pointing at the local stub model server.
A custom provider needs no login (codex-acp only checks auth for the `openai` provider).
*/
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {projectRoot} from './host-harness.js';

const platformPackages: Readonly<Record<string, string>> = {
	'linux-x64': 'codex-acp-linux-x64',
	'linux-arm64': 'codex-acp-linux-arm64',
	'darwin-x64': 'codex-acp-darwin-x64',
	'darwin-arm64': 'codex-acp-darwin-arm64',
};

/**
The native binary itself, not the `bin/codex-acp.js` wrapper: the wrapper runs it with spawnSync, which adds a
node process in between. Throws a clear message when it is missing (the test must fail, never skip).
*/
export function codexBinary(): string {
	const key = `${process.platform}-${process.arch}`;
	const name = platformPackages[key];
	if (!name) throw new Error(`codex-acp test: no codex-acp binary package for ${key}`);
	const require = createRequire(join(projectRoot, 'package.json'));
	let folder: string;
	try {
		folder = dirname(require.resolve(`@zed-industries/${name}/package.json`));
	} catch {
		throw new Error(`codex-acp test: @zed-industries/${name} is not installed; run \`npm ci\` (it is an optional dependency of the dev dependency @zed-industries/codex-acp)`);
	}
	const binary = join(folder, 'bin', 'codex-acp');
	if (!existsSync(binary)) throw new Error(`codex-acp test: ${binary} is missing; reinstall with \`npm ci\``);
	return binary;
}

export type CodexSetup = {
	readonly agent: {readonly name: string; readonly command: string; readonly args: readonly string[]; readonly env: Readonly<Record<string, string>>};
	readonly codexHome: string;
};

/** Write `<root>/codex-home/config.toml` and return the agent spec (with HOME and CODEX_HOME in its env). */
export function codexAgent(root: string, modelBaseUrl: string): CodexSetup {
	const home = join(root, 'home');
	const codexHome = join(root, 'codex-home');
	mkdirSync(home, {recursive: true});
	mkdirSync(codexHome, {recursive: true});
	const config = `# Written by test/helpers/codex-agent.ts: offline codex against the local stub model.
model = "stub-model"
model_provider = "stub"
# Ask before any command that is not known safe, and run approved ones without a sandbox (containers often lack one).
approval_policy = "untrusted"
sandbox_mode = "danger-full-access"
check_for_update_on_startup = false

[model_providers.stub]
name = "stub"
base_url = "${modelBaseUrl}"
wire_api = "responses"
env_key = "STUB_MODEL_API_KEY"
request_max_retries = 0
stream_max_retries = 0
stream_idle_timeout_ms = 20000

[analytics]
enabled = false
`;
	writeFileSync(join(codexHome, 'config.toml'), config);
	return {
		codexHome,
		agent: {
			name: 'codex',
			command: codexBinary(),
			args: [],
			env: {HOME: home, CODEX_HOME: codexHome, STUB_MODEL_API_KEY: 'stub-key', RUST_LOG: 'warn', NO_COLOR: '1'},
		},
	};
}
