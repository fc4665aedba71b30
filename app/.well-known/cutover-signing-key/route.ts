import { publishedKeys } from "@/lib/app/checklist/signing";

export const dynamic = "force-dynamic";

/** The public signing keys as a JWK Set (RFC 7517 §5), each with its RFC 7638 key id. */
export async function GET() {
  return new Response(JSON.stringify(publishedKeys(), null, 2), {
    headers: { "content-type": "application/jwk-set+json", "cache-control": "public, max-age=300" },
  });
}
