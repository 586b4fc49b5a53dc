/**
 * The loopback GitHub host's GraphQL endpoint (POST /api/graphql): only the query
 * octokit-plugin-create-pull-request sends; any other is answered with a GraphQL error.
 */
import { readBody, type Ctx } from './routing';

/** The one GraphQL query octokit-plugin-create-pull-request sends: does the branch exist, has it an open PR. */
export async function graphql(ctx: Ctx): Promise<void> {
  const { query, variables = {} } = await readBody(ctx.req);
  const repoVars = /repository\s*\(\s*name:\s*\$(\w+)\s*,\s*owner:\s*\$(\w+)\s*\)/.exec(String(query));
  const refVar = /ref\s*\(\s*qualifiedName:\s*\$(\w+)\s*\)/.exec(String(query));
  if (!repoVars || !refVar || !/associatedPullRequests\s*\([^)]*states:\s*OPEN/.test(String(query))) {
    return ctx.json(200, { errors: [{ message: 'The loopback GitHub host answers only the branch / open pull request query of octokit-plugin-create-pull-request.' }] });
  }
  const full = `${variables[repoVars[2]!]}/${variables[repoVars[1]!]}`;
  const repo = ctx.state.repos.get(full);
  if (!repo) {
    return ctx.json(200, { data: { repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: `Could not resolve to a Repository with the name '${full}'.` }] });
  }
  const qualified = String(variables[refVar[1]!]);
  const branch = qualified.replace(/^refs\/heads\//, '');
  if (repo.git.branch(branch) === undefined) return ctx.json(200, { data: { repository: { ref: null } } });
  const open = repo.pulls.filter((p) => p.state === 'open' && p.head === branch).slice(0, 1);
  const edges = open.map((p) => ({ node: { id: `PR_${repo.id}_${p.number}`, number: p.number, url: `${ctx.state.baseUrl}/${full}/pull/${p.number}` } }));
  return ctx.json(200, { data: { repository: { ref: { associatedPullRequests: { edges } } } } });
}
