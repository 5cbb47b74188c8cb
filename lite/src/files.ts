/**
 * Where a notebook's relative paths point in the browser: the site's own copy of the project's
 * files (JupyterLite serves them under `files/`), resolved against the notebook's folder, as a
 * path is resolved against the working directory on tslab.
 */
let filesUrl = "";
let cwd = "";

export function configureFiles(options: { filesUrl: string; location: string }): void {
  filesUrl = options.filesUrl.endsWith("/") ? options.filesUrl : `${options.filesUrl}/`;
  cwd = options.location.replace(/^\/+|\/+$/g, "");
}

/** `path` resolved against the notebook's folder: a site path such as `/data/Iris.csv`. */
export function sitePath(path: string): string {
  const parts: string[] = path.startsWith("/") ? [] : cwd.split("/").filter(Boolean);
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** The URL of a site path's file. */
export function fileUrl(path: string): string {
  return filesUrl + sitePath(path).slice(1).split("/").map(encodeURIComponent).join("/");
}
