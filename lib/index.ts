/**
 * backprop-lib: the public API the notebooks import. Each layer re-exports its own
 * folder; data flows random/data → linalg → network → train → plots → display.
 */
export * from "./errors";
export * from "./random";
export * from "./data";
export * from "./linalg";
export * from "./network";
export * from "./train";
export * from "./plots";
export * from "./display";
