import { describe, expect, test } from "vitest";
import { AppError } from "../errors/app-error";
import { readBody, readFormBody, readJsonBody } from "./read-body";
import { chunkedRequest, endlessBody } from "./testing/endless-body";

const URL_ = "http://cutover.test/api/x";
const allow = async () => undefined;
const deny = async () => {
  throw new AppError("UNAUTHENTICATED", "sign in first");
};

describe("readBody", () => {
  test("an endless chunked body is cut at the limit: TOO_LARGE, the stream cancelled, at most one chunk past the limit pulled", async () => {
    const b = endlessBody(64 * 1024);
    const err = await readBody({
      request: chunkedRequest(URL_, b.stream),
      maxBytes: 256 * 1024,
      authorise: allow,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("TOO_LARGE");
    expect(b.pulled()).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
    expect(b.cancelled()).toBe(true);
  });

  test("refused authorisation reads not one byte", async () => {
    const b = endlessBody();
    await expect(
      readJsonBody({ request: chunkedRequest(URL_, b.stream), maxBytes: 1024, authorise: deny }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(b.pulled()).toBe(0);
  });

  test("a declared Content-Length over the limit is refused before reading", async () => {
    const b = endlessBody();
    const r = chunkedRequest(URL_, b.stream, { "content-length": String(10 * 1024 * 1024) });
    await expect(readBody({ request: r, maxBytes: 1024, authorise: allow })).rejects.toMatchObject({
      code: "TOO_LARGE",
    });
    expect(b.pulled()).toBe(0);
  });

  test("bodies within the limit are read whole: JSON, bytes split across chunks, a multipart form", async () => {
    expect(
      await readJsonBody({
        request: new Request(URL_, { method: "POST", body: '{"a":[1,2]}' }),
        maxBytes: 11,
        authorise: allow,
      }),
    ).toEqual({ a: [1, 2] });
    await expect(
      readJsonBody({ request: new Request(URL_, { method: "POST", body: "{nope" }), maxBytes: 100, authorise: allow }),
    ).rejects.toMatchObject({ code: "INVALID" });
    const parts = [new Uint8Array([1, 2]), new Uint8Array([3])];
    const stream = new ReadableStream<Uint8Array>({ start: (c) => (parts.forEach((p) => c.enqueue(p)), c.close()) });
    expect([...(await readBody({ request: chunkedRequest(URL_, stream), maxBytes: 3, authorise: allow }))]).toEqual([
      1, 2, 3,
    ]);
    const form = new FormData();
    form.append("files", new File(["zone data"], "a.zone"));
    const f = await readFormBody({
      request: new Request(URL_, { method: "POST", body: form }),
      maxBytes: 10_000,
      authorise: allow,
    });
    expect(await (f.get("files") as File).text()).toBe("zone data");
  });
});
