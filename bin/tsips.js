#!/usr/bin/env -S node --max-semi-space-size=64
// The young generation is sized for a SIP server's garbage: every request leaves short-lived
// objects behind, and with V8's default 16 MB semi-spaces a registrar publishing to a
// reg-event server over UDP held 6,000 new registrations/s on two cores, 8,000 with 64 MB,
// using a fifth less CPU per REGISTER (npm run bench -- reginfo postgres). npm start passes the same flag; see README, "Command line".
// The compiled server entry point; `npm install` builds dist/ through the prepare script.
import { main } from '../dist/engine/cli/tsips.js';
main(process.argv.slice(2)).then((code) => { if (code !== undefined) process.exitCode = code; });
