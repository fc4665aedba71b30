import { Worker } from "node:worker_threads";
import { busySpell } from "./testing/busy-spell";
import { describe, expect, it } from "vitest";
import { exchangeTcp } from "./transport";

describe("exchangeTcp after a busy spell", () => {
  it("reads an answer already received before it judges the deadline", async () => {
    // The server must answer while this thread is blocked, so it runs in a worker thread: it echoes the framed
    // query 30 ms after reading it.
    const worker = new Worker(
      `const net = require("node:net");
       const { parentPort } = require("node:worker_threads");
       const server = net.createServer((c) => {
         c.on("data", (d) => setTimeout(() => c.write(d), 30));
         c.on("error", () => {});
       });
       server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));`,
      { eval: true },
    );
    try {
      const port = await new Promise<number>((res) => worker.once("message", res));
      const payload = Uint8Array.from([0x12, 0x34, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      const answer = exchangeTcp({ address: "127.0.0.1", port, payload, timeoutMs: 100 }, (f) =>
        f[0] === 0x12 && f[1] === 0x34 ? "accept" : "ignore",
      );
      // Connected and sent by now; then block well past the timeout while the answer arrives.
      await busySpell(25, 250);
      const r = await answer;
      expect(r.ok).toBe(true);
    } finally {
      await worker.terminate();
    }
  });
});
