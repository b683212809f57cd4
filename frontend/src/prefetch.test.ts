import { describe, expect, it, vi } from 'vitest';

import { prefetch, takePrefetched } from './prefetch';

describe('prefetch', () => {
  it('starts a request once and hands the same promise to every taker until it settles', async () => {
    let resolve!: (value: string) => void;
    const load = vi.fn(() => new Promise<string>((r) => (resolve = r)));

    prefetch('context', load);
    prefetch('context', load);
    const first = takePrefetched<string>('context');
    expect(load).toHaveBeenCalledTimes(1);
    expect(takePrefetched('context')).toBe(first);

    resolve('ok');
    await expect(first).resolves.toBe('ok');
    await Promise.resolve();
    expect(takePrefetched('context')).toBeUndefined();
  });

  it('forgets a failed request so that a retry asks again', async () => {
    prefetch('history', () => Promise.reject(new Error('down')));
    await expect(takePrefetched('history')).rejects.toThrow('down');
    await Promise.resolve();
    expect(takePrefetched('history')).toBeUndefined();
  });
});
