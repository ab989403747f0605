// GetSendStatistics: SES reports the last two weeks in 15-minute data points. Counts are kept
// per bucket as sends happen (O(1)), and only read when asked.

const BUCKET_MS = 15 * 60 * 1000;
const TWO_WEEKS_MS = 14 * 24 * 60 * 60 * 1000;

export interface SendDataPoint {
  timestamp: number;
  deliveryAttempts: number;
  bounces: number;
  complaints: number;
  rejects: number;
}

export class SendStatistics {
  #buckets = new Map<number, SendDataPoint>();

  #bucket(now: number): SendDataPoint {
    const start = now - (now % BUCKET_MS);
    let point = this.#buckets.get(start);
    if (point === undefined) {
      point = { timestamp: start, deliveryAttempts: 0, bounces: 0, complaints: 0, rejects: 0 };
      this.#buckets.set(start, point);
    }
    return point;
  }

  /** Counts delivered recipients as delivery attempts. */
  delivered(recipients: number, now: number): void {
    this.#bucket(now).deliveryAttempts += recipients;
  }

  /** Counts a message that SES refused with MessageRejected. */
  rejected(now: number): void {
    this.#bucket(now).rejects += 1;
  }

  points(now: number): SendDataPoint[] {
    const out: SendDataPoint[] = [];
    for (const [start, point] of this.#buckets) {
      if (start > now - TWO_WEEKS_MS) out.push(point);
      else this.#buckets.delete(start);
    }
    return out.sort((a, b) => a.timestamp - b.timestamp);
  }

  clear(): void {
    this.#buckets.clear();
  }
}
