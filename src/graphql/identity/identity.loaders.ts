import { type RequestContext } from '../../context/request-context';
import * as apiKeys from '../../domain/identity/api-key.service';
import { byIdLoader } from '../core/loaders';

/** Per-request loaders of the identity area. */
export const IdentityLoaders = {
  apiKey: (rc: RequestContext) => byIdLoader(rc, 'apiKey', apiKeys.findByIds),
};
