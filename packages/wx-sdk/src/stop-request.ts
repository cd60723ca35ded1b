import type { StopResponse } from '@mpchat/contract';
import { ROUTE_PATHS } from '@mpchat/contract/wire';
import { Cancel, type CancelSet } from './cancel.js';
import type { HttpApi } from './http-api.js';
import type { StopResult } from './public-types.js';

/**
 * Posts `/stop` for the session (`seq` names the turn, so a late stop cannot stop the next
 * reply). Not retried after a network failure: a stop repeated late could stop the next reply.
 * Tracked in `active`, so ending the session aborts it.
 */
export function requestStop(api: HttpApi, active: CancelSet, body: { sessionId: string; seq?: number }): Promise<StopResult> {
  const cancel = new Cancel();
  const untrack = active.add(cancel);
  return api.post<StopResponse>(ROUTE_PATHS.stop, body, { cancel }).then(
    (res) => {
      untrack();
      return res.data.seq !== undefined ? { stopped: res.data.stopped, seq: res.data.seq } : { stopped: res.data.stopped };
    },
    (err: unknown) => {
      untrack();
      throw err;
    },
  );
}
