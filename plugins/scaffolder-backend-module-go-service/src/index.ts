/**
 * Scaffolder backend module of hardened-go: the `hardened-go:service:create` action.
 * Install: `backend.add(import('@hardened-go/plugin-scaffolder-backend-module-go-service'));`
 */
export { scaffolderModuleGoService as default } from './module';
export { CREATE_SERVICE_ACTION_ID, ServiceInputError, createServiceAction, serviceInputSchema } from './actions/createService';
