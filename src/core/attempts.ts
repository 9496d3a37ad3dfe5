/**
 * Time limit of one attempt of an API call: a third of the limit of the
 * whole call (its attempts, retries and waits). An attempt that gets no
 * answer (a stalled connection) then leaves time for the client's retries,
 * instead of spending the call's whole limit on one silent socket.
 */
export function attemptTimeoutMs(callTimeoutMs: number): number {
  return Math.max(1, Math.floor(callTimeoutMs / 3));
}
