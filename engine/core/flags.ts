// Named script flags (OpenSIPS 3.x flags.c): `setflag("NAT")` allocates a bit for the name on
// first use. Message flags and branch flags share the name -> bit table, as OpenSIPS's do,
// and there are 32 bits (OpenSIPS keeps flags in an unsigned int).
export const MAX_FLAGS = 32;

export interface FlagRegistry {
  /** The bit of a flag name, allocating one on first use; undefined when all 32 are taken. */
  bit(name: string): number | undefined;
  /** Names of the bits set in a mask, in bit order ($mf, $bf). */
  names(mask: number): string[];
}

export function createFlagRegistry(): FlagRegistry {
  const bits = new Map<string, number>();
  const byBit: string[] = [];
  return {
    bit(name) {
      let b = bits.get(name);
      if (b === undefined) {
        if (byBit.length >= MAX_FLAGS) return undefined;
        b = byBit.length;
        bits.set(name, b);
        byBit.push(name);
      }
      return b;
    },
    names(mask) {
      return byBit.filter((_, b) => (mask & (1 << b)) !== 0);
    },
  };
}

/** The process's registry: one tsips process is one OpenSIPS worker, and flag names must
 *  mean the same bit for the script and for modules (registrar saves branch flags). */
export const processFlags: FlagRegistry = createFlagRegistry();
