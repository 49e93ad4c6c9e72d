import { keyOf } from './doc-key';
import type { LoadDocs } from './project-batch';

/**
 * A Bloom filter of document ids: `mightHave` is false only for an id never added, true for every id
 * added (and, rarely, for one that was not). A build from an empty generation asks it before
 * loading: most of a history's documents are new when first touched (each visitor's day, each
 * order), and each of those was a point read that found nothing (ADR 18).
 */
export class KeyFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** 2^`log2Bits` bits (2^26: 8 MiB, about 1 false "might" in 100,000 at a million ids). */
  constructor(
    log2Bits = 26,
    private readonly hashes = 4,
  ) {
    this.bits = new Uint32Array(2 ** (log2Bits - 5));
    this.mask = 2 ** log2Bits - 1;
  }

  add(id: string): void {
    this.visit(id, (word, bit) => {
      this.bits[word]! |= bit;
      return true;
    });
  }

  mightHave(id: string): boolean {
    return this.visit(id, (word, bit) => (this.bits[word]! & bit) !== 0);
  }

  /** Calls `probe` on each of the id's bits (double hashing of two FNV-1a variants) while it answers true. */
  private visit(id: string, probe: (word: number, bit: number) => boolean): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h2 |= 1; // odd: the probes never repeat one bit
    for (let i = 0; i < this.hashes; i++) {
      const at = (h1 + Math.imul(i, h2)) & this.mask;
      if (!probe(at >>> 5, 1 << (at & 31))) return false;
    }
    return true;
  }
}

/** `load`, asked only for the keys `written` may hold (for all of them without a filter). */
export function loadingOnlyWritten(written: KeyFilter | undefined, load: LoadDocs): LoadDocs {
  return (keys) => {
    const held = written ? keys.filter((key) => written.mightHave(keyOf(key))) : keys;
    return held.length ? load(held) : Promise.resolve(new Map());
  };
}
