/**
 * Builds the semantic model (types.ts) from the parser's syntax tree, part by part: the
 * stage graph with BuildKit's scopes (stageGraph.ts), the COPY/ADD and mount index
 * (copyIndex.ts), what each RUN runs (commandCache.ts, on demand), the stages that ship
 * (shippedStages.ts) and their go builds (goBuilds.ts), behind the query object rules read
 * (queries.ts). Everything rules ask is computed here once, so rules are cheap lookups; all
 * of it shares one work budget, so a hostile file stays linear.
 */
import type { ParsedDockerfile } from '../parser/types';
import { commandCache } from './commandCache';
import { indexCopies } from './copyIndex';
import { findGoBuilds } from './goBuilds';
import { modelContext } from './modelError';
import { modelQueries } from './queries';
import { findShippedStages } from './shippedStages';
import { buildStageGraph } from './stageGraph';
import type { DockerfileModel } from './types';

export { ModelError } from './modelError';
export { PATH_MAX, resolvePath } from './paths';

/** @public */
export function buildModel(parsed: ParsedDockerfile): DockerfileModel {
  const ctx = modelContext(parsed);
  const graph = buildStageGraph(ctx);
  const copies = indexCopies(ctx, graph);
  const commands = commandCache(ctx, graph);
  const shipped = findShippedStages(graph, copies);
  const goBuilds = findGoBuilds(graph.stages, shipped, commands);
  return modelQueries({ ctx, graph, copies, commands, shipped, goBuilds });
}
