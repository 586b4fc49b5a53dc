/**
 * The plugin's icon (nav item, page header). From Remix Icon, the icon set Backstage UI itself
 * uses, so it matches the icons around it.
 */
import { RiShieldCheckLine } from '@remixicon/react';

export function ComplianceIcon() {
  return <RiShieldCheckLine aria-hidden="true" />;
}
