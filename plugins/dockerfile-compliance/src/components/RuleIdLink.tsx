/**
 * A rule ID, linked to its documentation when there is one (see ruleLinks), with the rule's
 * title as tooltip. BUI's Link routes paths through the app's router (no page reload) and
 * leaves absolute URLs to the browser; published docs open in a new tab.
 */
import { Link } from '@backstage/ui';
import type { RuleLink } from './ruleLinks';

const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;

export function RuleIdLink(props: { ruleId: string; link: RuleLink }) {
  const { ruleId, link } = props;
  if (!link.href) return <span title={link.rule?.title}>{ruleId}</span>;
  return (
    <Link href={link.href} title={link.rule?.title} {...(link.external ? NEW_TAB : {})}>
      {ruleId}
    </Link>
  );
}
