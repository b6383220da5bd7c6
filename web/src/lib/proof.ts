// The proof of work a citizen's hold needs (GET /api/v1/challenge, header X-Proof). The browser
// solves it in a Web Worker while the person looks at the times, so there is nothing to do and
// usually nothing to wait for; no puzzle, no third party. A solved proof is used once.
import { call } from './api';

interface ChallengeAnswer {
  required: boolean;
  challenge?: string;
  bits?: number;
  expires_at?: string;
}

interface Prepared {
  proof: Promise<string | null>;
  expires: number; // ms since the epoch; a proof is not offered in its last half minute
}

let prepared: Prepared | null = null;

function solveInWorker(challenge: string, bits: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./proof.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ solution?: number; error?: string }>) => {
      worker.terminate();
      if (event.data.solution === undefined) reject(new Error(event.data.error ?? 'proof failed'));
      else resolve(`${challenge}.${event.data.solution}`);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage({ challenge, bits });
  });
}

function fetchAndSolve(): Prepared {
  const entry: Prepared = { proof: Promise.resolve(null), expires: Date.now() + 60_000 };
  entry.proof = call<ChallengeAnswer>('/api/v1/challenge').then((c) => {
    if (!c.required || !c.challenge || !c.bits) return null;
    if (c.expires_at) entry.expires = Date.parse(c.expires_at) - 30_000;
    return solveInWorker(c.challenge, c.bits);
  });
  entry.proof.catch(() => {
    if (prepared === entry) prepared = null;
  });
  return entry;
}

/** Starts solving a proof for the next hold in the background (idempotent). */
export function prepareProof() {
  if (!prepared || prepared.expires <= Date.now()) prepared = fetchAndSolve();
}

/** The proof for a hold: the prepared one if still fresh, else a new one. Each is given once. */
export function takeProof(): Promise<string | null> {
  const entry = prepared && prepared.expires > Date.now() ? prepared : fetchAndSolve();
  prepared = null;
  return entry.proof;
}
