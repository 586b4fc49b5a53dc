/**
 * Shift left in the hardening pull request: a repository whose GitHub workflows do not run
 * the hardened-go check gets `.github/workflows/hardened-go.yaml` (the same job the "Create
 * new Go service" template generates), so the next regression is caught in review instead of
 * by the catalog after it merged.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { CHECK_WORKFLOW_PATH, renderCheckWorkflow } from '@hardened-go/plugin-dockerfile-compliance-node';

/** Workflow files looked at (a repository has a handful), and bytes read of each. */
const MAX_WORKFLOWS = 200;
const MAX_WORKFLOW_BYTES = 1024 * 1024;
/** What a workflow that runs the check contains: the action, or the CLI's check. */
const MARKERS = ['hardened-go/hardened-go@', '@hardened-go/cli', 'hardened-go check'];

/** @public */
export type CheckWorkflowOutcome =
  | { kind: 'added'; path: string; content: string }
  | { kind: 'present'; path: string }
  | { kind: 'skipped'; reason: string };

async function readBounded(file: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(MAX_WORKFLOW_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The first workflow (POSIX path) in `workspace` that runs the check, or undefined. */
export async function workflowRunningCheck(workspace: string): Promise<string | undefined> {
  const dir = path.join(workspace, '.github', 'workflows');
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const workflows = entries.filter(e => e.isFile() && /\.ya?ml$/.test(e.name)).slice(0, MAX_WORKFLOWS);
  for (const entry of workflows) {
    const text = await readBounded(path.join(dir, entry.name)).catch(() => '');
    if (MARKERS.some(marker => text.includes(marker))) return `.github/workflows/${entry.name}`;
  }
  return undefined;
}

/**
 * Adds the check workflow to the workspace when its repository lacks one. Only at the
 * repository root (`repoPath` '' or unknown): a pull request confined to a sub-directory
 * cannot add a workflow, and a GitLab project (a .gitlab-ci.yml, no .github) has no use for one.
 */
export async function addCheckWorkflow(workspace: string, repoPath: string | undefined, policy: Policy): Promise<CheckWorkflowOutcome> {
  if (repoPath !== undefined && repoPath !== '') {
    return { kind: 'skipped', reason: `the pull request is confined to ${repoPath}/, not the repository root where workflows live` };
  }
  const present = await workflowRunningCheck(workspace);
  if (present) return { kind: 'present', path: present };
  const exists = (p: string) => fs.lstat(path.join(workspace, p)).then(() => true, () => false);
  if ((await exists('.gitlab-ci.yml')) && !(await exists('.github'))) {
    return { kind: 'skipped', reason: 'the repository uses GitLab CI: include shift-left/gitlab/hardened-go-check.gitlab-ci.yml there' };
  }
  if (await exists(CHECK_WORKFLOW_PATH)) {
    return { kind: 'skipped', reason: `${CHECK_WORKFLOW_PATH} exists and does not run the check; left as it is` };
  }
  const content = renderCheckWorkflow(policy);
  await fs.mkdir(path.join(workspace, '.github', 'workflows'), { recursive: true });
  await fs.writeFile(path.join(workspace, CHECK_WORKFLOW_PATH), content, { flag: 'wx' });
  return { kind: 'added', path: CHECK_WORKFLOW_PATH, content };
}
