#!/usr/bin/env node
// Entry point (DESIGN §3): meow parses argv in source/commands/main.ts, which dispatches to one command.
import {main} from './source/commands/main.js';

// Exit explicitly: a command is done when it returns, even if a socket or timer is still winding down.
// stdout/stderr are synchronous for files, pipes and TTYs on Linux/macOS, so nothing written is lost.
process.exit(await main(process.argv.slice(2)));
