/** A binary min-heap. */
export interface Heap<T> {
  readonly size: number;
  push(item: T): void;
  peek(): T | undefined;
  pop(): T | undefined;
}

/** Creates a min-heap; `compare` returns a negative number when its first argument comes first. */
export function createHeap<T>(compare: (x: T, y: T) => number): Heap<T> {
  const a: T[] = [];
  const less = (i: number, j: number) => compare(a[i] as T, a[j] as T) < 0;
  const swap = (i: number, j: number) => {
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  };
  return {
    get size() {
      return a.length;
    },
    push(item) {
      a.push(item);
      let i = a.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    },
    peek() {
      return a[0];
    },
    pop() {
      if (a.length === 0) return undefined;
      const top = a[0] as T;
      const last = a.pop() as T;
      if (a.length > 0) {
        a[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < a.length && less(l, m)) m = l;
          if (r < a.length && less(r, m)) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return top;
    },
  };
}
