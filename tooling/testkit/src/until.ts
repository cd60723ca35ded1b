/**
 * Resolves once `condition` holds (polled every 10 ms), or rejects after `ms` with `what` in the message.
 *
 * @example
 * await until(() => frames.length === 3, 5_000, 'three frames');
 */
export async function until(condition: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`[testkit] ${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
