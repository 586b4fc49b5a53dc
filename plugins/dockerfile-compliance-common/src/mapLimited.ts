/**
 * `work` over `items` with at most `limit` running at once; results in input order. The CLI's
 * file checks and campaign, and the backend's campaign reads, bound their concurrency with it.
 *
 * @public
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
