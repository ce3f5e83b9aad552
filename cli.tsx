#!/usr/bin/env node
// Entry point (DESIGN §3): meow parses argv in source/commands/main.ts, which dispatches to one command.
import module from 'node:module';
import {main} from './source/commands/main.js';

// V8's code cache for the bundle: ~35 ms less to load Ink and React on every attach after the first
// (bench/tui-bench.ts; DESIGN §10 attach budget). Stored under the OS temp dir by Node itself.
module.enableCompileCache?.();

// Exit explicitly: a command is done when it returns, even if a socket or timer is still winding down.
// stdout/stderr are synchronous for files, pipes and TTYs on Linux/macOS, so nothing written is lost.
process.exit(await main(process.argv.slice(2)));
