#!/usr/bin/env node
// The compiled server entry point; `npm install` builds dist/ through the prepare script.
import { main } from '../dist/engine/cli/tsips.js';
main(process.argv.slice(2)).then((code) => { if (code !== undefined) process.exitCode = code; });
