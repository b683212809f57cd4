/**
 * Requests a page starts before React renders, so they run in parallel with each other and with
 * rendering instead of waiting for the effects of the components that need them.
 *
 * A hook takes a started request with {@link takePrefetched} on its first attempt (a retry always
 * asks again). The promise stays shared until it settles, so React's StrictMode re-running an
 * effect does not send the request twice.
 */
const started = new Map<string, Promise<unknown>>();

export function prefetch<T>(key: string, load: () => Promise<T>): void {
  if (started.has(key)) return;
  const request = load();
  started.set(key, request);
  request.then(
    () => started.delete(key),
    () => started.delete(key),
  );
}

/** The request started under `key`, or undefined when none is in flight. */
export function takePrefetched<T>(key: string): Promise<T> | undefined {
  return started.get(key) as Promise<T> | undefined;
}
