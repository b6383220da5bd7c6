// Solves a proof-of-work challenge off the main thread: finds the first counter N such that
// SHA-256("CHALLENGE.N") starts with `bits` zero bits (see GET /api/v1/challenge). Hashes a batch
// of candidates at once, as crypto.subtle answers each digest asynchronously.
export interface SolveRequest {
  challenge: string;
  bits: number;
}
export interface SolveAnswer {
  solution: number;
  hashes: number;
}

const BATCH = 256;
const encoder = new TextEncoder();

function zeroBits(digest: ArrayBuffer): number {
  const bytes = new Uint8Array(digest);
  let bits = 0;
  for (const byte of bytes) {
    if (byte !== 0) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

// SHA-256 (FIPS 180-4) for pages served over plain HTTP from another host, where browsers hide
// crypto.subtle; slower, but the booking still works there.
const K = Uint32Array.from(
  Array.from({ length: 64 }, (_, i) => {
    let n = 2;
    for (let found = -1; ; n++) {
      let prime = true;
      for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
      if (prime && ++found === i) break;
    }
    return (Math.cbrt(n) % 1) * 2 ** 32;
  }),
);
const H0 = [2, 3, 5, 7, 11, 13, 17, 19].map((p) => ((Math.sqrt(p) % 1) * 2 ** 32) >>> 0);

function sha256(message: Uint8Array): ArrayBuffer {
  const length = ((message.length + 9 + 63) >> 6) << 6;
  const bytes = new Uint8Array(length);
  bytes.set(message);
  bytes[message.length] = 0x80;
  new DataView(bytes.buffer).setUint32(length - 4, message.length * 8);
  const h = H0.slice();
  const w = new Uint32Array(64);
  const view = new DataView(bytes.buffer);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i] + v) >>> 0));
  }
  const out = new DataView(new ArrayBuffer(32));
  h.forEach((v, i) => out.setUint32(i * 4, v));
  return out.buffer;
}

const digest = (data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> =>
  globalThis.crypto?.subtle ? crypto.subtle.digest('SHA-256', data) : Promise.resolve(sha256(data));

async function solve({ challenge, bits }: SolveRequest): Promise<SolveAnswer> {
  const prefix = `${challenge}.`;
  for (let start = 0; ; start += BATCH) {
    const digests = await Promise.all(
      Array.from({ length: BATCH }, (_, i) =>
        digest(encoder.encode(prefix + String(start + i))),
      ),
    );
    const found = digests.findIndex((d) => zeroBits(d) >= bits);
    if (found >= 0) return { solution: start + found, hashes: start + found + 1 };
  }
}

self.onmessage = (event: MessageEvent<SolveRequest>) => {
  solve(event.data).then(
    (answer) => self.postMessage(answer),
    (error: unknown) => self.postMessage({ error: String(error) }),
  );
};
