/**
 * generateGoService: every file of a new, production-grade Go service repository, as
 * {path, content} pairs. Pure: no file system writes, no network, no clock. The Dockerfile and
 * .dockerignore come from the standard's renderer (one template for the whole project); the
 * other files from our own nunjucks templates in templates/service, with user values passed
 * only as data and escaped for the language they land in.
 */
import { templatesDir } from '../packagePaths';
import * as nunjucks from 'nunjucks';
import { renderDockerfile, renderDockerignore } from '../render/render';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { goStringLiteral, markdownText, yamlString } from './escape';
import {
  GITLAB_CHECK_TEMPLATE,
  GITLAB_CI_IMAGES,
  GOLANGCI_LINT_VERSION,
  GOVULNCHECK_VERSION,
  HARDENED_GO_CHECK_ACTION,
  IMAGE_PLATFORMS,
  PINNED_ACTIONS,
  usesLine,
  type PinnedAction,
} from './pins';
import { resolveServiceParams, type ServiceParams, type ServiceRequest } from './params';

/** @public */
export interface GeneratedFile {
  /** POSIX path relative to the repository root, e.g. `.github/workflows/ci.yaml`. */
  path: string;
  content: string;
}

/** @public */
export interface GeneratedService {
  files: GeneratedFile[];
  /** The validated parameters with defaults applied (module path, Go version, port, CI). */
  params: ServiceParams;
  standardVersion: string;
  /** Path of the Dockerfile relative to the repository root. */
  dockerfilePath: string;
  /**
   * CI job names a protected main branch should require (GitHub status checks). Empty for
   * GitLab CI, where "Pipelines must succeed" covers every job.
   */
  requiredStatusChecks: string[];
}

/**
 * GitHub Actions jobs that run on pull requests; `publish` runs on main only.
 *
 * @public
 */
export const GITHUB_REQUIRED_JOBS = ['test', 'vulncheck', 'lint', 'image', 'dockerfile'] as const;

/** @public */
export const CI_FILES = {
  'github-actions': { ci: '.github/workflows/ci.yaml', updates: '.github/dependabot.yml' },
  'gitlab-ci': { ci: '.gitlab-ci.yml', updates: 'renovate.json' },
} as const;


let environment: nunjucks.Environment | undefined;
function templates(): nunjucks.Environment {
  if (!environment) {
    environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir('service')), {
      autoescape: false, // not HTML: each value goes through the escaper of its target language
      throwOnUndefined: true,
      trimBlocks: true,
      lstripBlocks: true,
    });
    environment.addFilter('go', (value: string) => goStringLiteral(String(value)));
    environment.addFilter('yaml', (value: string) => yamlString(String(value)));
    environment.addFilter('md', (value: string) => markdownText(String(value)));
    environment.addFilter('uses', (action: PinnedAction) => usesLine(action));
  }
  return environment;
}

/**
 * The workflow that runs the hardened-go check alone (`.github/workflows/hardened-go.yaml`),
 * for repositories whose CI lacks it: the same job the generated CI has.
 *
 * @public
 */
export const CHECK_WORKFLOW_PATH = '.github/workflows/hardened-go.yaml';

/** @public */
export function renderCheckWorkflow(policy: Policy): string {
  return templates().render('hardened-go-workflow.yaml.njk', {
    standardVersion: policy.standardVersion,
    actions: PINNED_ACTIONS,
    checkAction: `${HARDENED_GO_CHECK_ACTION.repo}@${HARDENED_GO_CHECK_ACTION.version}`,
  });
}

/** `url:<web url of the default branch>/`: where the catalog finds the sources. */
function sourceLocation(params: ServiceParams): string {
  const web = params.repoWebUrl ?? `https://${params.modulePath}`;
  const host = new URL(web).host;
  return `url:${web}${host.includes('gitlab') ? '/-/tree/main/' : '/tree/main/'}`;
}

/**
 * Generates the repository of a new Go service. `request` is validated against the policy
 * (throws ServiceParamsError listing every bad field); the result is deterministic.
 *
 * @public
 */
export function generateGoService(request: ServiceRequest, policy: Policy): GeneratedService {
  const params = resolveServiceParams(request, policy);
  const ciFiles = CI_FILES[params.ci];
  const context = {
    ...params,
    system: params.system ?? '',
    standardVersion: policy.standardVersion,
    sourceLocation: sourceLocation(params),
    golangciLintVersion: GOLANGCI_LINT_VERSION,
    govulncheckVersion: GOVULNCHECK_VERSION,
    platforms: IMAGE_PLATFORMS,
    actions: PINNED_ACTIONS,
    checkAction: `${HARDENED_GO_CHECK_ACTION.repo}@${HARDENED_GO_CHECK_ACTION.version}`,
    checkTemplate: GITLAB_CHECK_TEMPLATE,
    images: { ...GITLAB_CI_IMAGES, go: GITLAB_CI_IMAGES.go(params.goVersion) },
    ciFile: ciFiles.ci,
    updatesFile: ciFiles.updates,
  };
  const render = (template: string) => templates().render(template, context);
  const imageParams = { binaryName: params.name, mainPackage: '.', port: params.port, goVersion: params.goVersion };

  const files: GeneratedFile[] = [
    { path: 'main.go', content: render('main.go.njk') },
    { path: 'main_test.go', content: render('main_test.go.njk') },
    // No dependencies, so no go.sum: the Dockerfile's `COPY go.mod go.sum* ./` handles both.
    { path: 'go.mod', content: render('go.mod.njk') },
    { path: 'Dockerfile', content: renderDockerfile(policy, imageParams) },
    { path: '.dockerignore', content: renderDockerignore(policy, imageParams) },
    { path: '.gitignore', content: render('gitignore.njk') },
    { path: '.golangci.yml', content: render('golangci.yml.njk') },
    params.ci === 'github-actions'
      ? { path: ciFiles.ci, content: render('github-ci.yaml.njk') }
      : { path: ciFiles.ci, content: render('gitlab-ci.yml.njk') },
    params.ci === 'github-actions'
      ? { path: ciFiles.updates, content: render('dependabot.yml.njk') }
      : { path: ciFiles.updates, content: render('renovate.json.njk') },
    { path: 'catalog-info.yaml', content: render('catalog-info.yaml.njk') },
    { path: 'README.md', content: render('README.md.njk') },
  ];

  return {
    files,
    params,
    standardVersion: policy.standardVersion,
    dockerfilePath: 'Dockerfile',
    requiredStatusChecks: params.ci === 'github-actions' ? [...GITHUB_REQUIRED_JOBS] : [],
  };
}
