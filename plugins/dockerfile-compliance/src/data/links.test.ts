import { serviceEntity } from '../__testUtils__/entities';
import { dockerfileLineUrl, hardenTemplatePath } from './links';

describe('links', () => {
  it('links a finding line with the #L anchor, replacing any fragment', () => {
    expect(dockerfileLineUrl('https://github.com/acme/orders/blob/main/Dockerfile', 7)).toBe('https://github.com/acme/orders/blob/main/Dockerfile#L7');
    expect(dockerfileLineUrl('https://h/x/Dockerfile#old', 3)).toBe('https://h/x/Dockerfile#L3');
  });

  it('never links a non-http URL from an annotation', () => {
    // eslint-disable-next-line no-script-url
    expect(dockerfileLineUrl('javascript:alert(1)', 1)).toBeUndefined();
    expect(dockerfileLineUrl('not a url', 1)).toBeUndefined();
    expect(dockerfileLineUrl(undefined, 1)).toBeUndefined();
  });

  it('opens the harden template with the entity preselected', () => {
    const path = hardenTemplatePath(serviceEntity('orders'));
    expect(path.startsWith('/create/templates/default/harden-dockerfile?formData=')).toBe(true);
    const formData = JSON.parse(decodeURIComponent(path.split('formData=')[1]!));
    expect(formData).toEqual({ entity: 'component:default/orders' });
  });
});
