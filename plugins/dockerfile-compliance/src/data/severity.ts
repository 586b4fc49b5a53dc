/** Severities worst first (error 0, warning 1, info 2): one order for every ranking in the view. */
import type { Severity } from '@hardened-go/plugin-dockerfile-compliance-common';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
