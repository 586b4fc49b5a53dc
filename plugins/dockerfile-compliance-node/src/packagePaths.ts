/**
 * Where this package's own files are, wherever it is installed: found through its
 * package.json (the package exports it), not `__dirname`, which does not point into the
 * package once a backend is bundled for production.
 */
import * as path from 'node:path';

/** The package root: the folder of its package.json. */
export function packageRoot(): string {
  return path.dirname(require.resolve('@hardened-go/plugin-dockerfile-compliance-node/package.json'));
}

/** The package's templates/ folder (nunjucks templates of the renderer and the service generator). */
export function templatesDir(...segments: string[]): string {
  return path.join(packageRoot(), 'templates', ...segments);
}
