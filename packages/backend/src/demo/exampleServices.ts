/**
 * The example services the demo waits for: the Components reachable from
 * `examples/catalog-info.yaml` (a Location), read the way the catalog will read them.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface ExampleService {
  /** metadata.name of the Component. */
  name: string;
  /** The catalog-info.yaml it is declared in, relative to the examples root. */
  file: string;
}

interface EntityLike {
  kind?: unknown;
  metadata?: { name?: unknown };
  spec?: { target?: unknown; targets?: unknown };
}

async function readEntities(file: string): Promise<EntityLike[]> {
  const text = await fs.readFile(file, 'utf8');
  return parseAllDocuments(text).flatMap(doc => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    const value = doc.toJS() as unknown;
    return value && typeof value === 'object' ? [value as EntityLike] : [];
  });
}

/** Follows Location targets (relative files only) from `<rootDir>/catalog-info.yaml`; returns Components. */
export async function listExampleServices(rootDir: string): Promise<ExampleService[]> {
  const services: ExampleService[] = [];
  const seen = new Set<string>();
  const visit = async (relativeFile: string) => {
    const normalised = path.posix.normalize(relativeFile);
    if (seen.has(normalised) || normalised.startsWith('..')) return;
    seen.add(normalised);
    for (const entity of await readEntities(path.join(rootDir, normalised))) {
      const kind = String(entity.kind ?? '').toLowerCase();
      if (kind === 'component' && typeof entity.metadata?.name === 'string') {
        services.push({ name: entity.metadata.name, file: normalised });
      } else if (kind === 'location') {
        const targets = [entity.spec?.target, ...(Array.isArray(entity.spec?.targets) ? entity.spec.targets : [])];
        for (const target of targets) {
          if (typeof target === 'string' && !/^[a-z]+:/i.test(target)) {
            await visit(path.posix.join(path.posix.dirname(normalised), target));
          }
        }
      }
    }
  };
  await visit('catalog-info.yaml');
  return services;
}
