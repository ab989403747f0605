/**
 * Group commit: calls made while a flush is pending or running are gathered into one batch,
 * so many concurrent callers share one storage transaction. Each caller gets its own result.
 */
export interface Batcher<In, Out> {
  /** Adds one item to the next batch and resolves with its result. */
  submit(item: In): Promise<Out>;
}

/**
 * Creates a batcher around `flush`, which must return one result per item, in order.
 * At most one flush runs at a time; items that arrive meanwhile form the next batch.
 */
export function createBatcher<In, Out>(
  flush: (items: In[]) => Promise<Out[]>,
  maxBatch: number,
): Batcher<In, Out> {
  type Pending = { item: In; resolve: (out: Out) => void; reject: (err: unknown) => void };
  let queue: Pending[] = [];
  let running = false;
  let scheduled = false;

  const run = async () => {
    scheduled = false;
    if (running || queue.length === 0) return;
    running = true;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    try {
      const results = await flush(batch.map((p) => p.item));
      batch.forEach((p, i) => {
        p.resolve(results[i] as Out);
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      running = false;
      if (queue.length > 0) schedule();
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // setImmediate lets every request that arrived in this turn of the event loop join.
    setImmediate(run);
  };

  return {
    submit(item) {
      return new Promise<Out>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!running) schedule();
      });
    },
  };
}
