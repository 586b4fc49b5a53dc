/**
 * The loopback GitHub host the suites share. It lives with the demo backend
 * (packages/backend/src/demo/githubHost), whose campaign mode serves the example services from
 * it; the tests import it from here.
 */
export * from '../../packages/backend/src/demo/githubHost/githubServer';
