/**
 * A bounded asynchronous channel: producers wait for space, consumers wait for items.
 * It holds only what the workers are about to send, never the backlog (the store holds that).
 */
export interface Channel<T> {
  /** How many items it holds at most. */
  readonly capacity: number;
  /** How many items it holds now. */
  readonly size: number;
  /** Adds an item, waiting while the channel is full. Rejects once the channel is closed. */
  push(item: T): Promise<void>;
  /** Resolves when there is room for at least one item (or the channel closed). */
  waitForSpace(): Promise<void>;
  /** Takes the next item, waiting while empty; undefined once closed and drained. */
  take(): Promise<T | undefined>;
  /** Stops the channel: waiting takers get undefined once the items run out. */
  close(): void;
  /** Removes and returns every item not yet taken. */
  drain(): T[];
}

/** Creates a bounded channel holding at most `capacity` items. */
export function createChannel<T>(capacity: number): Channel<T> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be >= 1");
  const items: T[] = [];
  let head = 0;
  let closed = false;
  const takers: Array<(item: T | undefined) => void> = [];
  const spaceWaiters: Array<() => void> = [];

  const size = () => items.length - head;
  const compact = () => {
    if (head > 1024 && head * 2 > items.length) {
      items.splice(0, head);
      head = 0;
    }
  };
  const wakeSpace = () => {
    while (spaceWaiters.length > 0 && (size() < capacity || closed)) spaceWaiters.shift()?.();
  };

  const channel: Channel<T> = {
    capacity,
    get size() {
      return size();
    },
    async push(item) {
      while (!closed && size() >= capacity) await channel.waitForSpace();
      if (closed) throw new Error("channel closed");
      const taker = takers.shift();
      if (taker) taker(item);
      else items.push(item);
    },
    waitForSpace() {
      if (closed || size() < capacity) return Promise.resolve();
      return new Promise((resolve) => spaceWaiters.push(resolve));
    },
    take() {
      if (size() > 0) {
        const item = items[head] as T;
        items[head] = undefined as T;
        head += 1;
        compact();
        wakeSpace();
        return Promise.resolve(item);
      }
      if (closed) return Promise.resolve(undefined);
      return new Promise((resolve) => takers.push(resolve));
    },
    close() {
      closed = true;
      for (const taker of takers.splice(0)) taker(undefined);
      wakeSpace();
    },
    drain() {
      const rest = items.slice(head);
      items.length = 0;
      head = 0;
      wakeSpace();
      return rest;
    },
  };
  return channel;
}
