// Offset paging over a list made of runs read from the store one after another (users, then
// groups, then roles …): each run says how long it is and reads only the slice a page takes of
// it, so a page costs its own items, not the list's. Offset markers stay as they were.

/** One run of the list: its length, and the items of a slice of it. */
export interface Section<T> {
  size: number;
  slice(offset: number, n: number): T[];
}

/** Items `start` to `start + limit` of the sections put together, and the whole list's length. */
export function pageOfSections<T>(sections: readonly Section<T>[], start: number, limit: number): { items: T[]; total: number } {
  const items: T[] = [];
  let at = 0;
  for (const s of sections) {
    const from = Math.max(start - at, 0);
    const n = Math.min(s.size - from, start + limit - at - from);
    if (n > 0) items.push(...s.slice(from, n));
    at += s.size;
  }
  return { items, total: at };
}
