/**
 * node:timers/promises for the worker: setImmediate resolves on the next macrotask. A
 * MessageChannel message is one (without setTimeout's minimum delay), so queued kernel
 * messages (an interrupt) are handled in between.
 */
export function setImmediate<T = void>(value?: T): Promise<T> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve(value as T);
    };
    channel.port2.postMessage(null);
  });
}
