// Realistic messages for the load: a text part and an HTML part of about the configured sizes,
// 1 to 3 recipients, from a fixed seed so every run and every process sends the same mail.

/** How big the generated messages are. */
export interface MailShape {
  /** Bytes of the plain-text body. */
  readonly textBytes: number;
  /** Bytes of the HTML body. */
  readonly htmlBytes: number;
  /** Fewest recipients per message. */
  readonly minRecipients: number;
  /** Most recipients per message. */
  readonly maxRecipients: number;
}

/** The default: about 2 KB of text plus HTML, 1 to 3 recipients. */
export const DEFAULT_SHAPE: MailShape = {
  textBytes: 900,
  htmlBytes: 1200,
  minRecipients: 1,
  maxRecipients: 3,
};

/** One message, as plain fields that both the Connect client and the SES SDK take. */
export interface BenchMail {
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const WORDS =
  "your order has shipped and will arrive within two business days thank you for shopping with us track the parcel at any time from the account page questions about returns refunds or exchanges are answered by our support team every day of the week".split(
    " ",
  );

/** A small fast PRNG (mulberry32), so messages are the same in every process. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(rand: () => number): string {
  const n = 6 + Math.floor(rand() * 10);
  const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]);
  const s = words.join(" ");
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

function text(rand: () => number, bytes: number): string {
  let out = "";
  while (out.length < bytes) out += `${sentence(rand)}${rand() < 0.2 ? "\n\n" : " "}`;
  return out.slice(0, bytes);
}

function html(rand: () => number, bytes: number): string {
  const head = '<!doctype html><html><body style="font-family:sans-serif">';
  const tail = "</body></html>";
  let body = "";
  while (head.length + body.length + tail.length < bytes) {
    body +=
      rand() < 0.25
        ? `<p><a href="https://shop.example.com/orders/${Math.floor(rand() * 1e6)}">${sentence(rand)}</a></p>`
        : `<p>${sentence(rand)} ${sentence(rand)}</p>`;
  }
  return `${head}${body.slice(0, Math.max(0, bytes - head.length - tail.length))}${tail}`;
}

/** `count` different messages of the given shape; the same for the same seed. */
export function createMailPool(shape: MailShape, count = 64, seed = 1): BenchMail[] {
  const rand = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const span = shape.maxRecipients - shape.minRecipients + 1;
    const recipients = shape.minRecipients + Math.floor(rand() * span);
    return {
      from: "Shop <shop@example.com>",
      to: Array.from({ length: recipients }, (_, r) => `customer${i * 7 + r}@example.net`),
      subject: `Your order ${100000 + i} has shipped`,
      text: text(rand, shape.textBytes),
      html: html(rand, shape.htmlBytes),
    };
  });
}

/** Parses "1-3" or "2" into a recipient range. */
export function parseRecipients(text: string): { min: number; max: number } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  const min = Number(m?.[1]);
  const max = Number(m?.[2] ?? m?.[1]);
  if (!m || min < 1 || max < min || max > 50) {
    throw new Error(`--recipients: expected N or MIN-MAX within 1-50, got ${JSON.stringify(text)}`);
  }
  return { min, max };
}
