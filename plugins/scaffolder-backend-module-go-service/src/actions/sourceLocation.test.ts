import { sourceLocationPath } from './sourceLocation';

describe('sourceLocationPath', () => {
  it.each([
    ['url:https://github.com/acme/orders/tree/main/', ''],
    ['https://github.com/acme/orders/tree/main/services/orders/', 'services/orders'],
    ['https://ghe.acme.internal/acme/orders/blob/v1.2/deploy', 'deploy'],
    ['https://gitlab.com/acme/platform/orders/-/tree/main/svc/a%20b', 'svc/a b'],
    ['http://127.0.0.1:7010/acme/orders/src/branch/main/', ''],
    ['https://gitea.acme.internal/acme/orders/src/branch/main/cmd/x', 'cmd/x'],
    ['https://github.com/acme/orders', ''],
    ['https://github.com/acme/orders/', ''],
  ])('%s -> %j', (url, repoPath) => {
    expect(sourceLocationPath(url)).toEqual({ repoPath });
  });

  it.each(['not a url', 'file:///etc/passwd', 'https://example.com/a/b/c/d', 'https://example.com/only', 'https://dev.azure.com/o/p/_git/r?path=/x', 'https://h/o/r/tree/%E0%A4%A/x'])(
    'does not guess for %s',
    (url) => {
      expect(sourceLocationPath(url)).toBeUndefined();
    },
  );
});
