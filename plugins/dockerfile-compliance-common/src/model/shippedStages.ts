/** The stages whose files reach the final image: its chain, and every stage it copies or mounts from, transitively. */
import { stageByRef, type CopyIndex } from './copyIndex';
import type { StageGraph } from './stageGraph';
import type { Stage } from './types';

export function findShippedStages(graph: StageGraph, copies: CopyIndex): Set<Stage> {
  const shipped = new Set<Stage>();
  const queue: Stage[] = [graph.stages[graph.stages.length - 1]!];
  while (queue.length > 0) {
    const s = queue.pop()!;
    if (shipped.has(s)) continue;
    shipped.add(s);
    if (s.parent) queue.push(s.parent);
    const stageCopies = copies.copiesByStage[s.index];
    if (stageCopies) for (const cp of stageCopies) if (cp.from?.kind === 'stage') queue.push(cp.from.stage);
    if (!copies.anyMounts) continue;
    for (const at of s.instructions) {
      const mounts = copies.mounts[at.index];
      if (!mounts) continue;
      for (const m of mounts) {
        const from = m.options.get('from');
        const ref = from !== undefined ? stageByRef(graph, from) : null;
        if (ref && ref.index < s.index) queue.push(ref);
      }
    }
  }
  return shipped;
}
