import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { DEFAULT_POLICY, checkDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile, renderDockerignore } from '../render/render';
import { goStringLiteral } from './escape';
import { GITHUB_REQUIRED_JOBS, generateGoService, renderCheckWorkflow, type GeneratedService } from './generate';
import { ServiceParamsError, type ServiceRequest } from './params';
import { GITLAB_CHECK_TEMPLATE, GOLANGCI_LINT_VERSION, GOVULNCHECK_VERSION, HARDENED_GO_CHECK_ACTION, IMAGE_PLATFORMS, PINNED_ACTIONS } from './pins';
import { createHash } from 'crypto';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

const request: ServiceRequest = {
  name: 'payments-api',
  description: `Takes "payments" \\ 'safely' *now* key: value # not a comment`,
  owner: 'group:default/team-a',
  system: 'system:default/money',
  repoUrl: 'github.com?owner=acme&repo=payments-api',
  port: 9090,
};

function file(service: GeneratedService, p: string): string {
  const found = service.files.find(f => f.path === p);
  if (!found) throw new Error(`${p} not generated; have ${service.files.map(f => f.path).join(', ')}`);
  return found.content;
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { name: string; if?: string; needs?: string[]; permissions: Record<string, string>; steps: Array<{ id?: string; name?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> }> }>;
}

describe('generateGoService', () => {
  const github = generateGoService(request, DEFAULT_POLICY);
  const gitlab = generateGoService({ ...request, ci: 'gitlab-ci' }, DEFAULT_POLICY);

  it('writes the repository files for each CI choice, without go.sum (no dependencies)', () => {
    const common = ['main.go', 'main_test.go', 'go.mod', 'Dockerfile', '.dockerignore', '.gitignore', '.golangci.yml', 'catalog-info.yaml', 'README.md'];
    expect(github.files.map(f => f.path).sort()).toEqual([...common, '.github/workflows/ci.yaml', '.github/dependabot.yml'].sort());
    expect(gitlab.files.map(f => f.path).sort()).toEqual([...common, '.gitlab-ci.yml', 'renovate.json'].sort());
    expect(github.standardVersion).toBe('v1');
    expect(github.dockerfilePath).toBe('Dockerfile');
  });

  it('takes the Dockerfile and .dockerignore from the standard renderer, nowhere else', () => {
    const imageParams = { binaryName: 'payments-api', mainPackage: '.', port: 9090, goVersion: '1.26.8' };
    expect(file(github, 'Dockerfile')).toBe(renderDockerfile(DEFAULT_POLICY, imageParams));
    expect(file(github, '.dockerignore')).toBe(renderDockerignore(DEFAULT_POLICY, imageParams));
    expect(file(github, 'Dockerfile')).toContain('EXPOSE 9090');
  });

  it('follows the policy: Go version of go.mod and the build image', () => {
    const policy: Policy = { ...DEFAULT_POLICY, supportedGoVersions: ['1.26.8', '1.25.9'], alpineVersion: '3.22' };
    const older = generateGoService({ ...request, goVersion: '1.25.9' }, policy);
    expect(file(older, 'go.mod')).toBe('module github.com/acme/payments-api\n\ngo 1.25.9\n');
    expect(file(older, 'Dockerfile')).toContain('FROM --platform=$BUILDPLATFORM golang:1.25.9-alpine3.22 AS build');
  });

  it('pins the images by the digests of the policy under requireDigest, and checks compliant under it', () => {
    const digest = `sha256:${'7c'.repeat(32)}`;
    const strict: Policy = { ...DEFAULT_POLICY, requireDigest: true, imageDigests: [{ image: 'golang:1.26.8-alpine3.23', digest }] };
    const pinned = file(generateGoService(request, strict), 'Dockerfile');
    expect(pinned).toContain(`FROM --platform=$BUILDPLATFORM golang:1.26.8-alpine3.23@${digest} AS build`);
    expect(checkDockerfile(pinned, strict)).toMatchObject({ status: 'compliant', findings: [] });
    // without the digest in the policy, the service is not generated drifted: it is refused, naming the key
    expect(() => generateGoService(request, { ...strict, imageDigests: [] })).toThrow(/hardenedGo\.standard\.imageDigests/);
  });

  it('puts user values into main.go only as escaped Go string literals', () => {
    const main = file(github, 'main.go');
    expect(main).toContain(`serviceName        = "payments-api"`);
    expect(main).toContain(`serviceDescription = ${goStringLiteral(request.description as string)}`);
    expect(main).toContain('defaultPort        = "9090"');
  });

  it('writes a catalog entity with owner, system, lifecycle, source location and the standard version', () => {
    const entity = YAML.parse(file(github, 'catalog-info.yaml'));
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payments-api',
        description: request.description,
        annotations: {
          'backstage.io/source-location': 'url:https://github.com/acme/payments-api/tree/main/',
          'hardened-go.io/standard-version': 'v1',
        },
        tags: ['go', 'http'],
      },
      spec: { type: 'service', lifecycle: 'experimental', owner: 'group:default/team-a', system: 'system:default/money' },
    });
    const withoutSystem = YAML.parse(file(generateGoService({ ...request, system: undefined }, DEFAULT_POLICY), 'catalog-info.yaml'));
    expect(withoutSystem.spec).toEqual({ type: 'service', lifecycle: 'experimental', owner: 'group:default/team-a' });
  });

  it('derives a GitLab source location from a GitLab repository', () => {
    const service = generateGoService({ ...request, repoUrl: 'gitlab.com?owner=acme&repo=pay' }, DEFAULT_POLICY);
    expect(YAML.parse(file(service, 'catalog-info.yaml')).metadata.annotations['backstage.io/source-location']).toBe('url:https://gitlab.com/acme/pay/-/tree/main/');
  });

  describe('GitHub Actions workflow', () => {
    const text = file(github, '.github/workflows/ci.yaml');
    const workflow = YAML.parse(text) as Workflow;

    it('grants no token permissions by default and only what each job needs', () => {
      expect(workflow.permissions).toEqual({});
      for (const [id, job] of Object.entries(workflow.jobs)) {
        const needs: Record<string, object> = {
          publish: { contents: 'read', packages: 'write', 'id-token': 'write' },
          dockerfile: { contents: 'read', 'security-events': 'write', actions: 'read' },
        };
        expect([id, job.permissions]).toEqual([id, needs[id] ?? { contents: 'read' }]);
      }
    });

    it('pins every third-party action by full commit SHA, and hardened-go\'s own by its release tag', () => {
      const uses = Object.values(workflow.jobs).flatMap(job => job.steps.flatMap(step => (step.uses ? [step.uses] : [])));
      expect(uses.length).toBeGreaterThan(8);
      // a release cannot name its own commit; docs/shift-left.md shows pinning it by SHA
      const own = `${HARDENED_GO_CHECK_ACTION.repo}@${HARDENED_GO_CHECK_ACTION.version}`;
      expect(uses.filter(use => use === own)).toHaveLength(1);
      for (const use of uses.filter(u => u !== own)) expect(use).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+@[0-9a-f]{40}$/);
      expect(text).toMatch(/@[0-9a-f]{40} # v\d/); // the tag stays visible for reviewers and Dependabot
    });

    it('tests with the go.mod Go version: vet, race tests, lint with the pinned golangci-lint', () => {
      const steps = (id: string) => workflow.jobs[id]!.steps;
      expect(steps('test').find(s => s.uses?.startsWith('actions/setup-go@'))?.with).toEqual({ 'go-version-file': 'go.mod' });
      expect(steps('test').map(s => s.run).filter(Boolean)).toEqual(['go vet ./...', 'go test -race ./...']);
      expect(steps('lint').find(s => s.uses?.startsWith('golangci/golangci-lint-action@'))?.with).toEqual({ version: GOLANGCI_LINT_VERSION });
    });

    it('builds every platform and scans the image on every pull request and pushes only from main', () => {
      expect(Object.keys(workflow.on)).toEqual(['push', 'pull_request']);
      const image = workflow.jobs.image!;
      expect(image.if).toBeUndefined();
      const builds = image.steps.filter(s => s.uses?.startsWith('docker/build-push-action@'));
      expect(builds.map(s => s.with)).toEqual([
        expect.objectContaining({ platforms: IMAGE_PLATFORMS.join(','), push: false, 'cache-to': 'type=gha,mode=max' }),
        expect.objectContaining({ platforms: 'linux/amd64', load: true, push: false, tags: 'payments-api:ci' }),
      ]);
      expect(image.steps.find(s => s.uses?.startsWith('aquasecurity/trivy-action@'))?.with).toMatchObject({ 'exit-code': '1', 'image-ref': 'payments-api:ci' });
      const publish = workflow.jobs.publish!;
      expect(publish.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
      expect(publish.needs).toEqual([...GITHUB_REQUIRED_JOBS]);
      expect(publish.steps.find(s => s.uses?.startsWith('docker/build-push-action@'))?.with).toMatchObject({
        platforms: 'linux/amd64,linux/arm64',
        push: true,
        sbom: true,
        provenance: 'mode=max',
      });
    });

    it('signs the pushed digest with cosign keyless, with the OIDC token in the publish job only', () => {
      const publish = workflow.jobs.publish!;
      const push = publish.steps.findIndex(s => s.uses?.startsWith('docker/build-push-action@'));
      const installer = publish.steps.findIndex(s => s.uses === `${PINNED_ACTIONS.cosignInstaller.repo}@${PINNED_ACTIONS.cosignInstaller.sha}`);
      const sign = publish.steps.findIndex(s => s.name === 'sign');
      expect(publish.steps[push]!.id).toBe('push');
      expect([push < installer, installer < sign]).toEqual([true, true]);
      expect(publish.steps[sign]).toMatchObject({ env: { DIGEST: '${{ steps.push.outputs.digest }}' }, run: 'cosign sign --yes "${IMAGE}@${DIGEST}"' });
      const withIdToken = Object.entries(workflow.jobs).filter(([, job]) => job.permissions['id-token'] !== undefined).map(([id]) => id);
      expect(withIdToken).toEqual(['publish']);
    });

    it('runs govulncheck, pinned, with the go.mod Go version', () => {
      const steps = workflow.jobs.vulncheck!.steps;
      expect(steps.find(s => s.uses?.startsWith('actions/setup-go@'))?.with).toEqual({ 'go-version-file': 'go.mod' });
      expect(steps.map(s => s.run).filter(Boolean)).toEqual([`go run golang.org/x/vuln/cmd/govulncheck@${GOVULNCHECK_VERSION} ./...`]);
      expect(GOVULNCHECK_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
    });

    it('keeps GitHub expressions intact', () => {
      expect(text).toContain('tags: ${{ env.IMAGE }}:${{ github.sha }}');
      expect(text).toContain('password: ${{ secrets.GITHUB_TOKEN }}');
    });

    it('names as required status checks exactly the jobs that run on pull requests', () => {
      expect(github.requiredStatusChecks).toEqual(['test', 'vulncheck', 'lint', 'image', 'dockerfile']);
      const pullRequestJobs = Object.entries(workflow.jobs).filter(([, job]) => !job.if).map(([, job]) => job.name);
      expect(pullRequestJobs.sort()).toEqual([...github.requiredStatusChecks].sort());
    });

    it('checks the Dockerfile with the hardened-go action of the CLI\'s release, with the organisation\'s portal policy', () => {
      const cliVersion = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')).version;
      expect(HARDENED_GO_CHECK_ACTION.version).toBe(`v${cliVersion}`);
      const check = workflow.jobs.dockerfile!.steps.find(s => s.uses?.startsWith('hardened-go/hardened-go@'));
      expect(check?.with).toEqual({ 'policy-url': '${{ vars.HARDENED_GO_POLICY_URL }}', token: '${{ secrets.HARDENED_GO_TOKEN }}' });
      // the workflow the harden template adds to repositories without the check has the same job
      expect(YAML.parse(renderCheckWorkflow(DEFAULT_POLICY)).jobs).toEqual({ dockerfile: workflow.jobs.dockerfile });
    });

    it('keeps Go modules, base images and actions current with Dependabot', () => {
      const dependabot = YAML.parse(file(github, '.github/dependabot.yml'));
      expect(dependabot.updates.map((u: { 'package-ecosystem': string }) => u['package-ecosystem'])).toEqual(['gomod', 'docker', 'github-actions']);
    });
  });

  describe('GitLab CI', () => {
    const pipeline = YAML.parse(file(gitlab, '.gitlab-ci.yml'));

    it('vets, race-tests, checks vulnerabilities, lints, builds every platform and scans on merge requests and publishes from the default branch', () => {
      expect(pipeline.test.script).toEqual(['go vet ./...', 'go test -race ./...']);
      expect(pipeline.test.image).toBe('golang:1.26.8');
      expect(pipeline.vulncheck).toMatchObject({ stage: 'test', image: 'golang:1.26.8', script: [`go run golang.org/x/vuln/cmd/govulncheck@${GOVULNCHECK_VERSION} ./...`] });
      expect(pipeline.lint.image).toBe(`golangci/golangci-lint:${GOLANGCI_LINT_VERSION}`);
      expect(pipeline.image.script).toEqual([
        'docker buildx create --use --driver docker-container',
        'docker buildx build --pull --platform linux/amd64,linux/arm64 .',
        'docker buildx build --platform linux/amd64 --tag payments-api:ci --output type=docker,dest=image.tar .',
      ]);
      expect(pipeline.scan.script[0]).toMatch(/^trivy image --input image.tar --exit-code 1/);
      expect(pipeline.publish.rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
      expect(pipeline.publish.needs).toEqual(['test', 'vulncheck', 'lint', 'image', 'scan', 'hardened-go-check']);
      expect(gitlab.requiredStatusChecks).toEqual([]);
    });

    it('publishes every platform with an SBOM and max provenance, and signs the digest with cosign keyless in the publish job only', () => {
      const script: string[] = pipeline.publish.script;
      expect(script).toContain(
        'docker buildx build --platform linux/amd64,linux/arm64 --sbom=true --provenance=mode=max --push --tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" --metadata-file build.json .',
      );
      expect(script[script.length - 1]).toBe(`cosign sign --yes "$CI_REGISTRY_IMAGE@$(jq -r '."containerimage.digest"' build.json)"`);
      expect(pipeline.publish.id_tokens).toEqual({ SIGSTORE_ID_TOKEN: { aud: 'sigstore' } });
      const withIdTokens = Object.entries(pipeline).filter(([, job]) => typeof job === 'object' && job !== null && 'id_tokens' in job).map(([id]) => id);
      expect(withIdTokens).toEqual(['publish']);
    });

    it('pins every image to an exact version tag', () => {
      const images = [pipeline.test.image, pipeline.lint.image, pipeline.image.image, ...pipeline.image.services, pipeline.scan.image.name];
      for (const image of images) expect(image).toMatch(/:v?\d+\.\d+\.\d+(-[a-z]+)?$/);
    });

    it('includes the hardened-go check template of this release, pinned by the hash of the file in shift-left/', () => {
      expect(pipeline.include).toEqual([{ remote: GITLAB_CHECK_TEMPLATE.url, integrity: GITLAB_CHECK_TEMPLATE.integrity }]);
      const shipped = fs.readFileSync(path.join(REPO_ROOT, 'shift-left', 'gitlab', 'hardened-go-check.gitlab-ci.yml'));
      expect(GITLAB_CHECK_TEMPLATE.integrity).toBe(`sha256-${createHash('sha256').update(shipped).digest('base64')}`);
      expect(GITLAB_CHECK_TEMPLATE.url).toBe(
        `https://raw.githubusercontent.com/hardened-go/hardened-go/${HARDENED_GO_CHECK_ACTION.version}/shift-left/gitlab/hardened-go-check.gitlab-ci.yml`,
      );
    });

    it('keeps dependencies current with Renovate, pinning image digests', () => {
      const renovate = JSON.parse(file(gitlab, 'renovate.json'));
      expect(renovate.enabledManagers).toEqual(['gomod', 'dockerfile', 'gitlabci']);
      expect(renovate.packageRules).toContainEqual(expect.objectContaining({ matchDatasources: ['docker'], pinDigests: true }));
    });
  });

  it('writes a golangci-lint v2 configuration', () => {
    expect(YAML.parse(file(github, '.golangci.yml'))).toMatchObject({ version: '2', linters: { default: 'standard' } });
  });

  it('escapes the description for Markdown in the README', () => {
    expect(file(github, 'README.md')).toContain(`Takes \\"payments\\" \\\\ \\'safely\\' \\*now\\* key\\: value \\# not a comment`);
  });

  it('is deterministic', () => {
    expect(generateGoService(request, DEFAULT_POLICY)).toEqual(github);
  });

  it.each<[string, ServiceRequest]>([
    ['a template in the description', { ...request, description: '{{ 7*7 }}' }],
    ['a GitHub expression in the description', { ...request, description: '${{ secrets.GITHUB_TOKEN }}' }],
    ['a newline in the description', { ...request, description: 'a\n- b' }],
    ['a quote in the name', { ...request, name: 'a"b' }],
    ['a path in the name', { ...request, name: '../x' }],
    ['a quote in the module path', { ...request, modulePath: 'example.com/a"b' }],
  ])('refuses %s', (_, bad) => {
    expect(() => generateGoService(bad, DEFAULT_POLICY)).toThrow(ServiceParamsError);
  });

  it('pins the same golangci-lint the test tooling installs', () => {
    const script = fs.readFileSync(path.resolve(__dirname, '../../../../scripts/install-go-tools.sh'), 'utf8');
    expect(script).toContain(`GOLANGCI_LINT_VERSION=${GOLANGCI_LINT_VERSION}\n`);
  });
});
