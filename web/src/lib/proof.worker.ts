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

async function solve({ challenge, bits }: SolveRequest): Promise<SolveAnswer> {
  const prefix = `${challenge}.`;
  for (let start = 0; ; start += BATCH) {
    const digests = await Promise.all(
      Array.from({ length: BATCH }, (_, i) =>
        crypto.subtle.digest('SHA-256', encoder.encode(prefix + String(start + i))),
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
