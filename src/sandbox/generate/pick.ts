/**
 * How a generated estate chooses settings: `pick(i, what)` is the number that
 * item `i` uses for the setting `what`, and the generators test it with
 * `% n === k` so that settings come in known proportions. Unseeded, it is the
 * index itself (settings alternate by index, as the checked-in scenario
 * files expect); seeded, a hash of seed, setting and index, so that two seeds
 * give two different estates with the same proportions and one seed always
 * gives the same estate.
 */
export type Pick = (i: number, what: string) => number;

export const byIndex: Pick = (i) => i;

export function seededPick(seed: number): Pick {
  return (i, what) => {
    // FNV-1a over the setting's name, then a murmur3-style finaliser mixing in seed and index.
    let h = 0x811c9dc5 ^ (seed >>> 0);
    for (let c = 0; c < what.length; c++) h = Math.imul(h ^ what.charCodeAt(c), 0x01000193);
    h = Math.imul(h ^ (i >>> 0), 0x9e3779b1);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  };
}

export function pickFor(seed: number | undefined): Pick {
  return seed === undefined ? byIndex : seededPick(seed);
}
