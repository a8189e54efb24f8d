/**
 * Which parses of closed files an analysis worker lets go after an analysis (analysis-worker.ts). A worker
 * keeps the parses of files that are not open so that their neighbours' analyses do not parse them again,
 * up to a bound, so that memory stays bounded in a workspace of thousands of files.
 *
 * Pure: no I/O.
 */

/**
 * The parses to drop, oldest first: none while the worker holds at most `max` (or, when the application just
 * analysed is larger, as many as it has files); otherwise the oldest down to half the bound, never one of
 * `neighbours` (the files the analysis just related to). Dropping those too made an application larger than
 * the bound lose half its parses after each of its files' analyses, and parse them again for the next one:
 * Analyse Workspace on kubernetes-examples (240 files in one folder, bound 200) took 9 s instead of 0.4 s.
 *
 * @param held the files whose parses are held, least recently used first
 */
export function parsesToDrop(held: ReadonlyMap<string, unknown>, neighbours: readonly string[], max: number): string[] {
  if (held.size <= Math.max(max, neighbours.length)) return [];
  const keep = new Set(neighbours);
  let left = held.size - Math.max(Math.floor(max / 2), neighbours.length);
  const drop: string[] = [];
  for (const uri of held.keys()) {
    if (left <= 0) break;
    if (keep.has(uri)) continue;
    drop.push(uri);
    left--;
  }
  return drop;
}
