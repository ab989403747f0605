/** An answer of the HTTP routes that no AppError code stands for: 405, 415. */
export class HttpError extends Error {
  override name = "HttpError";
  readonly status: number;
  /** Extra response headers, such as Allow. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}
