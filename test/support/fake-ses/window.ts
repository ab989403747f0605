// Rolling 24-hour count of delivered recipients (SentLast24Hours, and the daily quota check).
// Entries are merged per millisecond into a queue; old ones are dropped from the front as the
// clock moves, so adding and reading are amortised O(1).

export const DAY_MS = 24 * 60 * 60 * 1000;

export class RollingWindow {
  readonly #spanMs: number;
  #times: number[] = [];
  #counts: number[] = [];
  #head = 0;
  #sum = 0;
  #seed = 0;
  #seedAt = 0;

  constructor(spanMs = DAY_MS) {
    this.#spanMs = spanMs;
  }

  /**
   * Sets a count sent before the fake started (SentLast24Hours as SES would report it),
   * placed at `now` so that it leaves the window one span later.
   */
  seed(count: number, now: number): void {
    this.#seed = Math.max(0, count);
    this.#seedAt = now;
  }

  add(count: number, now: number): void {
    const last = this.#times.length - 1;
    if (last >= this.#head && this.#times[last] === now) {
      this.#counts[last] = (this.#counts[last] ?? 0) + count;
    } else {
      this.#times.push(now);
      this.#counts.push(count);
    }
    this.#sum += count;
  }

  /** Recipients delivered in (now - span, now], plus the seed while it is inside the window. */
  total(now: number): number {
    const cutoff = now - this.#spanMs;
    while (this.#head < this.#times.length && (this.#times[this.#head] ?? 0) <= cutoff) {
      this.#sum -= this.#counts[this.#head] ?? 0;
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#counts = this.#counts.slice(this.#head);
      this.#head = 0;
    }
    return this.#sum + (this.#seedAt > cutoff ? this.#seed : 0);
  }

  clear(): void {
    this.#times = [];
    this.#counts = [];
    this.#head = 0;
    this.#sum = 0;
    this.#seed = 0;
  }
}
