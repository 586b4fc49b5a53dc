/**
 * `node packages/backend/dist/index.js [--config app-config.yaml ...]`: the portal backend
 * alone, as a deployment runs it (no example repository server, no ready line). The local
 * demo with everything around it is `npm start` (./start.ts).
 */
import { createHardenedGoBackend } from './backend';

export { createHardenedGoBackend } from './backend';
export type { HardenedGoBackend, HardenedGoBackendOptions } from './backend';

if (require.main === module) {
  createHardenedGoBackend()
    .start()
    .catch(error => {
      console.error(error);
      process.exit(1);
    });
}
