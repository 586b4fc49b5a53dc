/** How an owner is shown: a link to the group, or "(no owner)" for services without one. */
import { EntityRefLink } from '@backstage/plugin-catalog-react';

export const NO_OWNER = '(no owner)';

export function OwnerLink(props: { owner: string }) {
  return props.owner === '' ? <>{NO_OWNER}</> : <EntityRefLink entityRef={props.owner} defaultKind="group" />;
}

/** The owner as plain text (filter options, subheaders): `team-a` for `group:default/team-a`. */
export function ownerLabel(owner: string): string {
  return owner === '' ? NO_OWNER : owner.replace(/^group:default\//, '');
}
