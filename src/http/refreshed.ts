/**
 * Remembers which responses answered a resend made after refreshing the token, so the error
 * for a 401 can say whether a refresh was tried. A WeakSet: nothing outlives the response.
 * @module
 */

const refreshed = new WeakSet<Response>();

export function markRefreshed(response: Response): Response {
  refreshed.add(response);
  return response;
}

/** True when `response` came back after the token had been refreshed once. */
export function wasRefreshed(response: Response): boolean {
  return refreshed.has(response);
}
