/**
 * What each sample service in examples/ demonstrates: its Dockerfile path, the status the
 * standard gives it, and rules that must be among its findings (the reason it drifts).
 */
export interface ExampleExpectation {
  dockerfile: string;
  status: 'compliant' | 'drifted';
  rules: string[];
}

export const EXPECTED_EXAMPLES: Record<string, ExampleExpectation> = {
  'payments-api': { dockerfile: 'Dockerfile', status: 'compliant', rules: [] },
  'legacy-billing': {
    dockerfile: 'Dockerfile',
    status: 'drifted',
    rules: ['GDS001', 'GDS002', 'GDS004', 'GDS005', 'GDS006', 'GDS007', 'GDS008', 'GDS009', 'GDS014'],
  },
  'orders-worker': { dockerfile: 'Dockerfile', status: 'drifted', rules: ['GDS009', 'GDS012'] },
  'inventory-service': { dockerfile: 'build/package/Dockerfile', status: 'drifted', rules: ['GDS001', 'GDS002'] },
  'notifications-service': { dockerfile: 'Dockerfile', status: 'drifted', rules: ['GDS017'] },
  'search-gateway': { dockerfile: 'Dockerfile', status: 'drifted', rules: ['GDS002', 'GDS006', 'GDS015'] },
  'reports-job': { dockerfile: 'Dockerfile', status: 'drifted', rules: ['GDS010', 'GDS014'] },
};

export const EXAMPLE_NAMES = Object.keys(EXPECTED_EXAMPLES).sort();

/** name → expected label, as a plain object for toEqual. */
export function expectedLabels(): Record<string, string> {
  return Object.fromEntries(EXAMPLE_NAMES.map(name => [name, EXPECTED_EXAMPLES[name].status]));
}
