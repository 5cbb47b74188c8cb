/** node:path for the worker: paths are the site's, relative to the notebook's folder. */
import { sitePath } from "../files";

export function resolve(...paths: string[]): string {
  return sitePath(paths.join("/"));
}

export function join(...paths: string[]): string {
  return paths.join("/").replace(/\/+/g, "/");
}
