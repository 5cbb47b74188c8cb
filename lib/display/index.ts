export { sendBundle, newDisplayId, inKernel } from "./bundle";
export type { MimeBundle, SendOptions } from "./bundle";
export { formatNumber, matrixText, matrixHtml } from "./format";
export { show } from "./show";
export type { Showable } from "./show";
