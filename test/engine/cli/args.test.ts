import { describe, it, expect } from 'vitest';
import { parseArgs, ArgsError } from '../../../engine/cli/args.js';

describe('tsips command line', () => {
  it('reads -f, -c, repeated -l and -d like OpenSIPS', () => {
    const a = parseArgs(['-f', 'x.cfg', '-c', '-l', 'udp:127.0.0.1:5060', '-l', 'tcp:[::1]:5061', '-d', '-d']);
    expect(a).toMatchObject({ file: 'x.cfg', check: true, listen: ['udp:127.0.0.1:5060', 'tcp:[::1]:5061'], debug: 2 });
  });
  it('accepts and ignores OpenSIPS daemon and memory options with their values', () => {
    const a = parseArgs(['-m', '512', '-M', '8', '-u', 'opensips', '-F', '-f', 'y.cfg']);
    expect(a.file).toBe('y.cfg');
  });
  it('refuses an unknown option and a missing value', () => {
    expect(() => parseArgs(['--nope'])).toThrow(ArgsError);
    expect(() => parseArgs(['-f'])).toThrow(/needs a value/);
  });
});
