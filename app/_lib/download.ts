/**
 * Responses for files people download (bundle, findings CSV, calendar): they
 * carry contacts and decisions, so no shared cache may keep them and the
 * browser must not store them either (RFC 9111 §5.2.2.3, §5.2.2.7).
 */
export const DOWNLOAD_CACHE_CONTROL = "private, no-store";

export function downloadResponse(
  body: Uint8Array | string,
  options: { contentType: string; fileName: string },
): Response {
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "content-type": options.contentType,
      "content-disposition": `attachment; filename="${options.fileName}"`,
      "cache-control": DOWNLOAD_CACHE_CONTROL,
    },
  });
}
