/**
 * node:fs for the worker: readFileSync reads the site's own files with a synchronous
 * XMLHttpRequest (allowed in workers), so lib's file loading stays synchronous as on tslab.
 * Failures carry Node's error codes, which lib turns into its messages.
 */
import { fileUrl } from "../files";

function fsError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

export function readFileSync(path: string, encoding?: string): string {
  if (encoding !== "utf8" && encoding !== "utf-8") {
    throw fsError("EINVAL", `readFileSync: the browser kernel reads text files only (${path})`);
  }
  const request = new XMLHttpRequest();
  request.open("GET", fileUrl(path), false);
  try {
    request.send();
  } catch (error) {
    throw fsError("EIO", `could not fetch ${path}: ${String(error)}`);
  }
  if (request.status === 404) throw fsError("ENOENT", `no such file, open '${path}'`);
  if (request.status !== 200) {
    throw fsError("EIO", `fetching ${path} answered HTTP ${request.status}`);
  }
  return request.responseText;
}

function notInBrowser(name: string): never {
  throw fsError("ENOTSUP", `${name}: the browser kernel cannot write files`);
}

export function writeFileSync(): never {
  return notInBrowser("writeFileSync");
}

export function mkdirSync(): never {
  return notInBrowser("mkdirSync");
}
