import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RunStartedSchema, TransferDetailSchema, TransferListSchema } from "../http/api-wire";
import { ApiError, apiClient, type ApiClient } from "./api-client";
import { checkRemote } from "./check-remote";
import type { CliIo } from "./io";

const transfer = {
  id: "t1",
  domain: "example.test",
  domainUnicode: "example.test",
  losingRegistrar: "Old Reg",
  gainingRegistrar: "New Reg",
  currentDnsOperator: "Old Host",
  futureDnsOperator: "New Host",
  dnsHostingMoves: true,
  createdAt: "2025-01-02T03:04:05.000Z",
};
const { domain: _domain, ...withoutDomain } = transfer;

/** What the stand-in server answers, by method and path. */
const ANSWERS: Record<string, string> = {
  "GET /good": JSON.stringify({ transfers: [transfer] }),
  "GET /bad": JSON.stringify({ transfers: [withoutDomain] }),
  "GET /detail": JSON.stringify({ ...transfer, sources: "none" }),
  "GET /html": "<html>a proxy's login page</html>",
  "POST /runs": JSON.stringify({ run: "r1" }),
};

let server: Server;
let api: ApiClient;
let base: URL;

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = ANSWERS[`${req.method} ${req.url}`];
    res.writeHead(answer === undefined ? 404 : 200, { "content-type": "application/json" });
    res.end(answer ?? JSON.stringify({ error: { code: "NOT_FOUND", message: "no such thing" } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  api = apiClient(base, "token");
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe("apiClient checks each answer against the schema it is given", () => {
  test("a well-formed answer parses", async () => {
    const list = await api.get("/good", TransferListSchema);
    expect(list.transfers[0]!.domain).toBe("example.test");
  });

  test("a transfer missing its domain is BAD_RESPONSE, naming the method, the path and the field", async () => {
    const e = await refusal(api.get("/bad", TransferListSchema));
    expect(e.code).toBe("BAD_RESPONSE");
    expect(e.message).toContain("GET /bad");
    expect(e.message).toContain("transfers.0.domain: ");
    // Unchecked, the same answer goes through: the schema is what refuses it.
    expect(await api.get<{ transfers: unknown[] }>("/bad")).toEqual({ transfers: [withoutDomain] });
  });

  test("a wrong type, an answer that is not JSON, and a POST's answer are refused the same way", async () => {
    expect((await refusal(api.get("/detail", TransferDetailSchema))).message).toMatch(/GET \/detail: .*sources: /);
    const html = await refusal(api.get("/html", TransferListSchema));
    expect(html.code).toBe("BAD_RESPONSE");
    expect(html.message).toContain("not JSON");
    const post = await refusal(api.send("POST", "/runs", {}, RunStartedSchema));
    expect(post.code).toBe("BAD_RESPONSE");
    expect(post.message).toMatch(/POST \/runs: .*runId: /);
  });

  test("the server's own errors keep their code", async () => {
    expect((await refusal(api.get("/missing", TransferListSchema))).code).toBe("NOT_FOUND");
  });
});

test("check --server: a malformed answer ends the check with exit 2 and the reason on stderr", async () => {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
  };
  // The CLI asks for /api/v1/transfers: hand it the malformed list.
  const code = await checkRemote(
    {
      server: base,
      token: "token",
      domain: "example.test",
      zones: [],
      oldServers: [],
      newServers: [],
      allowPrivate: false,
      http: false,
      strict: false,
      json: false,
      fetch: (url, init) => fetch(String(url).replace("/api/v1/transfers", "/bad"), init),
    },
    io,
  );
  expect(code, out.stderr).toBe(2);
  expect(out.stderr).toMatch(/^cutover check: GET \/api\/v1\/transfers: 200 BAD_RESPONSE: .*domain/);
  expect(out.stdout).toBe("");
});
