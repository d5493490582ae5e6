#!/usr/bin/env node
// The compiled MI client entry point.
import { main } from '../dist/engine/cli/tsips-cli.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
