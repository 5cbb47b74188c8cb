/**
 * The JupyterLite extension: registers the TypeScript kernel under the name the notebooks'
 * kernelspec already carries (`tslab`), so the same .ipynb files open on it unchanged. Each
 * kernel runs its cells in a Web Worker (worker.ts).
 *
 * JupyterLite 0.8's kernel client answers an interrupt by cancelling the queued cells only; it
 * never tells the kernel. The plugin wraps the client's `interrupt` so the running kernel hears
 * it too and passes it to its worker.
 */
import { PageConfig, URLExt } from "@jupyterlab/coreutils";
import type { KernelMessage } from "@jupyterlab/services";
import { BaseKernel, IKernelClient, IKernelSpecs, type IKernel } from "@jupyterlite/services";
import type { FromWorker, ToWorker } from "./protocol";

type ExecuteReply = KernelMessage.IExecuteReplyMsg["content"];
type Header = KernelMessage.IHeader<KernelMessage.MessageType>;

const KERNEL_NAME = "tslab";
const LOGO = `data:image/svg+xml;base64,${btoa(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="8" fill="#3178c6"/><text x="32" y="44" font-family="sans-serif" font-size="30" font-weight="bold" fill="#fff" text-anchor="middle">TS</text></svg>',
)}`;

const kernels = new Map<string, TypeScriptKernel>();

function deferred() {
  let resolve!: () => void;
  let reject!: (reason: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class TypeScriptKernel extends BaseKernel {
  private readonly worker: Worker;
  private readonly started = deferred();
  private nextCell = 1;
  /** Each execute request's header (outputs of code resuming later still find theirs). */
  private readonly headers = new Map<number, Header | undefined>();
  private readonly replies = new Map<number, (reply: FromWorker & { type: "reply" }) => void>();

  constructor(options: IKernel.IOptions) {
    super(options);
    // A URL first, then the Worker: the bundler copies the file instead of re-bundling it.
    const url = new URL("./kernel.worker.js", import.meta.url);
    this.worker = new Worker(url);
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.onWorkerMessage(event.data);
    this.worker.onerror = (event) => this.started.reject(new Error(event.message));
    const filesUrl = URLExt.join(PageConfig.getBaseUrl(), "files/");
    this.send({ type: "init", filesUrl, location: options.location });
    kernels.set(this.id, this);
  }

  override get ready(): Promise<void> {
    return this.started.promise;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.worker.terminate();
    kernels.delete(this.id);
    super.dispose();
  }

  interrupt(): void {
    this.send({ type: "interrupt" });
  }

  async kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg["content"]> {
    return {
      status: "ok",
      protocol_version: "5.3",
      implementation: "backprop-lite-kernel",
      implementation_version: "0.1.0",
      language_info: {
        name: "typescript",
        version: "5.9",
        mimetype: "text/typescript",
        file_extension: ".ts",
        codemirror_mode: { name: "javascript", typescript: true },
      },
      banner: "TypeScript in a Web Worker, with backprop-lib, mathjs and arquero",
      help_links: [],
    };
  }

  async executeRequest(
    content: KernelMessage.IExecuteRequestMsg["content"],
  ): Promise<ExecuteReply> {
    const cell = this.nextCell++;
    this.headers.set(cell, this.parentHeader);
    const reply = await new Promise<FromWorker & { type: "reply" }>((resolve) => {
      this.replies.set(cell, resolve);
      this.send({ type: "execute", cell, code: content.code });
    });
    if (reply.status === "ok") {
      return { status: "ok", execution_count: this.executionCount, user_expressions: {} };
    }
    const { ename, evalue, traceback } = reply;
    this.publishExecuteError({ ename, evalue, traceback }, this.headers.get(cell));
    return {
      status: "error",
      execution_count: this.executionCount,
      ename,
      evalue,
      traceback,
    } as ExecuteReply;
  }

  async completeRequest(
    content: KernelMessage.ICompleteRequestMsg["content"],
  ): Promise<KernelMessage.ICompleteReplyMsg["content"]> {
    return {
      status: "ok",
      matches: [],
      cursor_start: content.cursor_pos,
      cursor_end: content.cursor_pos,
      metadata: {},
    };
  }

  async inspectRequest(): Promise<KernelMessage.IInspectReplyMsg["content"]> {
    return { status: "ok", found: false, data: {}, metadata: {} };
  }

  async isCompleteRequest(): Promise<KernelMessage.IIsCompleteReplyMsg["content"]> {
    return { status: "unknown" };
  }

  async commInfoRequest(): Promise<KernelMessage.ICommInfoReplyMsg["content"]> {
    return { status: "ok", comms: {} };
  }

  inputReply(): void {}
  async commOpen(): Promise<void> {}
  async commMsg(): Promise<void> {}
  async commClose(): Promise<void> {}

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private onWorkerMessage(message: FromWorker): void {
    switch (message.type) {
      case "ready":
        console.info(`TypeScript kernel: worker ready in ${Math.round(message.startupMs)} ms`);
        this.started.resolve();
        break;
      case "failed":
        this.started.reject(new Error(message.message));
        break;
      case "reply":
        this.replies.get(message.cell)?.(message);
        this.replies.delete(message.cell);
        break;
      case "output": {
        const header = this.headers.get(message.cell);
        const content = message.content as never;
        if (message.msgType === "stream") this.stream(content, header);
        else if (message.msgType === "display_data") this.displayData(content, header);
        else this.updateDisplayData(content, header);
        break;
      }
    }
  }
}

interface Plugin {
  id: string;
  description: string;
  autoStart: boolean;
  requires: unknown[];
  activate(app: unknown, specs: IKernelSpecs, client: IKernelClient): void;
}

const plugin: Plugin = {
  id: "backprop-lite-kernel:kernel",
  description: "The TypeScript kernel of the backprop notebooks, in a Web Worker.",
  autoStart: true,
  requires: [IKernelSpecs, IKernelClient],
  activate(_app, specs, client) {
    specs.register({
      spec: {
        name: KERNEL_NAME,
        display_name: "TypeScript",
        language: "typescript",
        argv: [],
        resources: { "logo-32x32": LOGO, "logo-64x64": LOGO },
      },
      create: async (options: IKernel.IOptions) => new TypeScriptKernel(options),
    });
    const interrupt = client.interrupt.bind(client);
    client.interrupt = async (kernelId: string) => {
      kernels.get(kernelId)?.interrupt();
      return interrupt(kernelId);
    };
  },
};

export default [plugin];
