/** node:crypto for the browser bundle: what lib uses (random display ids, SVG id digests). */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

class Bytes extends Uint8Array {
  override toString(encoding?: string): string {
    if (encoding === "hex") return bytesToHex(this);
    return super.toString();
  }
}

export function randomBytes(size: number): Bytes {
  return crypto.getRandomValues(new Bytes(size));
}

export function createHash(algorithm: string) {
  if (algorithm !== "sha256")
    throw new Error(`createHash: only sha256 in the browser, not ${algorithm}`);
  const chunks: Uint8Array[] = [];
  const hash = {
    update(data: string | Uint8Array) {
      chunks.push(typeof data === "string" ? utf8ToBytes(data) : data);
      return hash;
    },
    digest(encoding: "hex") {
      const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let offset = 0;
      for (const c of chunks) {
        all.set(c, offset);
        offset += c.length;
      }
      const digest = sha256(all);
      if (encoding !== "hex") throw new Error("digest: only hex in the browser");
      return bytesToHex(digest);
    },
  };
  return hash;
}
