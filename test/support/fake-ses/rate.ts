// Enforced sending rate: a token bucket counted in recipients, refilled at `rate` per second,
// holding at most one second's worth (`rate` tokens) as burst. Like SES, a message with more
// recipients than one second's worth still goes when the bucket is full (the bucket goes into
// debt), so a large message is delayed by the rate, never rejected forever.

export class TokenBucket {
  #rate = 0;
  #tokens = 0;
  #updatedAt = 0;

  constructor(rate: number, now: number) {
    this.setRate(rate, now);
  }

  /** Recipients per second; 0 (or less) means unlimited. Starts full. */
  setRate(rate: number, now: number): void {
    this.#rate = Number.isFinite(rate) ? Math.max(rate, 0) : 0;
    this.#tokens = this.#rate;
    this.#updatedAt = now;
  }

  get rate(): number {
    return this.#rate;
  }

  /** Takes `count` tokens if allowed; returns false (taking nothing) when over the rate. */
  take(count: number, now: number): boolean {
    if (this.#rate === 0) return true;
    this.#refill(now);
    if (this.#tokens >= count || this.#tokens >= this.#rate) {
      this.#tokens -= count;
      return true;
    }
    return false;
  }

  #refill(now: number): void {
    const elapsed = now - this.#updatedAt;
    if (elapsed > 0) {
      this.#tokens = Math.min(this.#rate, this.#tokens + (elapsed / 1000) * this.#rate);
    }
    this.#updatedAt = now;
  }
}
