/** The backend's real default UrlReader (FetchUrlReader for hosts in backend.reading.allow), as the catalog gets it. */
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { recordingLogger } from './recordingLogger';

export function realReader(allowHosts: string[]) {
  return UrlReaders.default({
    logger: recordingLogger(),
    config: new ConfigReader({ backend: { reading: { allow: allowHosts.map(host => ({ host })) } } }),
  });
}
