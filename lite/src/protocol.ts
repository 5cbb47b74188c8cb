/** Messages between the kernel (page) and its worker. `cell` numbers an execute request. */
export type ToWorker =
  | { type: "init"; filesUrl: string; location: string }
  | { type: "execute"; cell: number; code: string }
  | { type: "interrupt" };

export type OutputType = "stream" | "display_data" | "update_display_data";

export type FromWorker =
  | { type: "ready"; startupMs: number }
  | { type: "failed"; message: string }
  | { type: "output"; cell: number; msgType: OutputType; content: Record<string, unknown> }
  | { type: "reply"; cell: number; status: "ok" }
  | {
      type: "reply";
      cell: number;
      status: "error";
      ename: string;
      evalue: string;
      traceback: string[];
    };
