/** Links the view builds: a Dockerfile line in its source host, and the harden template. */
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { before, trimTrailing } from '@hardened-go/plugin-dockerfile-compliance-common';

/**
 * The software template that opens a pull request with the hardened Dockerfile.
 *
 * @public
 */
export const HARDEN_TEMPLATE_NAME = 'harden-dockerfile';
/**
 * The template parameter that receives the entity ref (an EntityPicker field).
 *
 * @public
 */
export const HARDEN_TEMPLATE_ENTITY_PARAMETER = 'entity';

/**
 * URL of one line of a Dockerfile. `#L<n>` is the line anchor GitHub, GitLab, Gitea and
 * Bitbucket Server all understand; other hosts ignore it and still open the file.
 * Only http(s) URLs are linked: a value from an annotation is data, never a script URL.
 */
export function dockerfileLineUrl(fileUrl: string | undefined, line: number): string | undefined {
  const base = safeHttpUrl(fileUrl);
  if (base === undefined) return undefined;
  if (line < 1) return base;
  return `${before(base, '#')}#L${line}`;
}

export function safeHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The scaffolder page of the harden template with this entity preselected:
 * `/create/templates/default/harden-dockerfile?formData={"entity":"component:default/x"}`.
 *
 * @public
 */
export function hardenTemplatePath(entity: Entity, basePath = ''): string {
  const formData = { [HARDEN_TEMPLATE_ENTITY_PARAMETER]: stringifyEntityRef(entity) };
  const root = trimTrailing(basePath, '/');
  return `${root}/create/templates/default/${HARDEN_TEMPLATE_NAME}?formData=${encodeURIComponent(JSON.stringify(formData))}`;
}
