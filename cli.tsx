#!/usr/bin/env node
// Entry point; commands are wired in source/commands/.
import {main} from './source/commands/main.js';

process.exitCode = await main(process.argv.slice(2));
