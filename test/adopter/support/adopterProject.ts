/**
 * A platform team's own Backstage repository, made from nothing in a temp directory outside
 * this workspace: the packed tarballs of hardened-go (exactly what `npm publish` would
 * upload) plus Backstage's own packages from the npm registry, installed with npm. Nothing
 * of this repository's node_modules, sources or config is visible from there.
 *
 * The layout follows @backstage/create-app's template for Backstage 1.55 (create-app 0.9.2):
 * a root with @backstage/cli and Jest, packages/backend, packages/app. It is smaller than
 * the template (only the plugins the tests need) and installed with npm instead of the
 * template's Yarn 4, so the whole install fits in the suite's time.
 */
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCommand } from '../../support/childProcess';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Package name → absolute path of its tarball. */
export type PackedPackages = Record<string, string>;

/**
 * The tarballs `scripts/pack-packages.js` made: from HARDENED_GO_PACKAGES (npm test packs
 * before Jest starts), else packed now into a temp directory (a single test file run).
 */
export async function packedPackages(): Promise<PackedPackages> {
  let dir = process.env.HARDENED_GO_PACKAGES ? path.resolve(REPO_ROOT, process.env.HARDENED_GO_PACKAGES) : undefined;
  if (!dir || !existsSync(path.join(dir, 'packages.json'))) {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hardened-go-packs-'));
    await runCommand(process.execPath, [path.join(REPO_ROOT, 'scripts', 'pack-packages.js'), dir], { cwd: REPO_ROOT, timeoutMs: 300_000 });
  }
  const index = JSON.parse(readFileSync(path.join(dir, 'packages.json'), 'utf8')) as Record<string, string>;
  return Object.fromEntries(Object.entries(index).map(([name, file]) => [name, path.join(dir!, file)]));
}

/**
 * The Backstage release this repository pins (root `overrides` and lockfile: 1.55.0), read
 * from the workspace's installed copies: the adopter gets the same release from the registry.
 */
export function backstageVersion(name: string): string {
  const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
  if (!existsSync(file)) throw new Error(`${name} is not installed in the workspace; add it to the root devDependencies to pin its version`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Every @backstage package of the workspace's release set (top-level node_modules) at its version. */
function backstageReleaseSet(): Record<string, string> {
  const scope = path.join(REPO_ROOT, 'node_modules', '@backstage');
  const names = readdirSync(scope)
    .filter(name => existsSync(path.join(scope, name, 'package.json')))
    .map(name => `@backstage/${name}`);
  return versions(names);
}

function versions(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map(name => [name, backstageVersion(name)]));
}

/** `npm` of the Node.js that runs the tests (Node 22 from scripts/node22.sh). */
function npmCommand(): { command: string; prefixArgs: string[] } {
  const npmCli = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  return existsSync(npmCli) ? { command: process.execPath, prefixArgs: [npmCli] } : { command: 'npm', prefixArgs: [] };
}

/** npm install in `dir`, preferring the local npm cache (filled by the workspace's own install). */
export async function npmInstall(dir: string, logFile: string): Promise<void> {
  const npm = npmCommand();
  // PATH first: the node that runs the tests (Node 22) is the one npm's scripts must use too.
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
  delete env.NODE_OPTIONS;
  await runCommand(npm.command, [...npm.prefixArgs, 'install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    env,
    timeoutMs: 15 * 60_000,
    logFile,
  });
}

export interface AdopterPortal {
  dir: string;
  backendDir: string;
  appDir: string;
  remove(): Promise<void>;
}

const HARDENED_GO_BACKEND_MODULES = [
  '@hardened-go/plugin-catalog-backend-module-dockerfile-drift',
  '@hardened-go/plugin-scaffolder-backend-module-go-service',
  '@hardened-go/plugin-dockerfile-compliance-backend',
];
const HARDENED_GO_FRONTEND_PLUGIN = '@hardened-go/plugin-dockerfile-compliance';

async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

async function writeText(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

/**
 * Writes the adopter's repository (root, backend, app) and installs it. The hardened-go
 * packages are installed from their tarballs only; npm `overrides` make every dependent use
 * the tarball of the shared packages (common, node) instead of looking them up in the registry.
 */
export async function createAdopterPortal(packed: PackedPackages): Promise<AdopterPortal> {
  for (const name of [...HARDENED_GO_BACKEND_MODULES, HARDENED_GO_FRONTEND_PLUGIN]) {
    if (!packed[name]) throw new Error(`no tarball for ${name} among ${Object.keys(packed).join(', ')}`);
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hardened-go-adopter-'));
  const tarball = (name: string) => `file:${packed[name]}`;

  await writeJson(path.join(dir, 'package.json'), {
    name: 'root',
    version: '1.0.0',
    private: true,
    engines: { node: '22 || 24' },
    workspaces: ['packages/*'],
    scripts: { test: 'backstage-cli repo test' },
    devDependencies: {
      ...versions(['@backstage/cli', '@backstage/cli-defaults']),
      ...versions(['@jest/environment-jsdom-abstract', 'jest', 'jsdom', 'jest-environment-jsdom']),
    },
    overrides: {
      ...Object.fromEntries(Object.keys(packed).map(name => [name, tarball(name)])),
      // Backstage 1.55 throughout, as an app pinned to a release is (backstage-cli
      // versions:bump, or its lockfile): npm would otherwise pull newer releases of the
      // transitive @backstage packages next to the pinned ones, two copies of
      // core-plugin-api, and "App context is not available" in the catalog's own cards.
      ...backstageReleaseSet(),
      // create-app's `resolutions`: React 18 types throughout. And one React 18: npm may hoist
      // an older React that some dependency allows to the root, where bundled libraries
      // (framer-motion in @backstage/plugin-app) would resolve it.
      ...versions(['@types/react', '@types/react-dom', 'react', 'react-dom']),
    },
  });
  await writeJson(path.join(dir, 'backstage.json'), { version: '1.55.0' });

  const backendDir = path.join(dir, 'packages', 'backend');
  await writeJson(path.join(backendDir, 'package.json'), {
    name: 'backend',
    version: '0.0.0',
    private: true,
    main: 'src/index.ts',
    backstage: { role: 'backend' },
    scripts: { start: 'backstage-cli package start' },
    dependencies: {
      ...versions([
        '@backstage/backend-defaults',
        '@backstage/plugin-catalog-backend',
        '@backstage/plugin-catalog-backend-module-scaffolder-entity-model',
        '@backstage/plugin-scaffolder-backend',
        '@backstage/plugin-scaffolder-backend-module-github',
      ]),
      ...Object.fromEntries(HARDENED_GO_BACKEND_MODULES.map(name => [name, tarball(name)])),
      pg: '^8.11.3',
    },
  });
  // What the README tells an adopter to add: one backend.add line per module.
  await writeText(
    path.join(backendDir, 'src', 'index.ts'),
    `import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));

// hardened-go
backend.add(import('@hardened-go/plugin-scaffolder-backend-module-go-service'));
backend.add(import('@hardened-go/plugin-catalog-backend-module-dockerfile-drift'));
backend.add(import('@hardened-go/plugin-dockerfile-compliance-backend'));

backend.start();
`,
  );

  const appDir = path.join(dir, 'packages', 'app');
  await writeJson(path.join(appDir, 'package.json'), {
    name: 'app',
    version: '0.0.0',
    private: true,
    bundled: true,
    backstage: { role: 'frontend' },
    scripts: { build: 'backstage-cli package build', test: 'backstage-cli package test' },
    dependencies: {
      ...versions([
        '@backstage/cli',
        '@backstage/core-components',
        '@backstage/core-plugin-api',
        '@backstage/frontend-defaults',
        '@backstage/frontend-plugin-api',
        '@backstage/plugin-catalog',
        '@backstage/plugin-catalog-react',
        '@backstage/ui',
      ]),
      [HARDENED_GO_FRONTEND_PLUGIN]: tarball(HARDENED_GO_FRONTEND_PLUGIN),
      ...versions(['react', 'react-dom', 'react-router', 'react-router-dom']),
    },
    devDependencies: {
      ...versions(['@backstage/frontend-test-utils', '@backstage/test-utils', '@backstage/catalog-model']),
      ...versions(['@testing-library/dom', '@testing-library/react']),
      // create-app's range (not installed in this workspace, which has no jest-dom)
      '@testing-library/jest-dom': '^6.0.0',
    },
    browserslist: { production: ['>0.2%', 'not dead', 'not op_mini all'], development: ['last 1 chrome version'] },
  });
  await writeAppSources(appDir);

  await npmInstall(dir, 'adopter-portal-install.log');
  return {
    dir,
    backendDir,
    appDir,
    // HARDENED_GO_KEEP_ADOPTER=1 keeps the repository for a look after a failure.
    remove: async () => {
      if (process.env.HARDENED_GO_KEEP_ADOPTER === '1') process.stdout.write(`adopter repository kept: ${dir}\n`);
      else await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** create-app's app, trimmed: the catalog, and hardened-go found by feature discovery. */
async function writeAppSources(appDir: string): Promise<void> {
  await writeText(
    path.join(appDir, 'public', 'index.html'),
    `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title><%= config.getOptionalString('app.title') ?? 'Backstage' %></title>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`,
  );
  await writeText(
    path.join(appDir, 'src', 'index.tsx'),
    `import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import App from './App';
import '@backstage/ui/css/styles.css';

ReactDOM.createRoot(document.getElementById('root')!).render(App.createRoot());
`,
  );
  // No import of hardened-go here: app.packages: all (app-config) lets the build discover it.
  await writeText(
    path.join(appDir, 'src', 'App.tsx'),
    `import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';

export default createApp({
  features: [catalogPlugin],
});
`,
  );
  await writeText(path.join(appDir, 'src', 'setupTests.ts'), `import '@testing-library/jest-dom';\n`);
}
