import { openApiDocument } from "@/lib/app/api/openapi";

export const dynamic = "force-dynamic";

/** The API's OpenAPI 3.1 document: public, it describes the API and holds no data. */
export function GET(request: Request): Response {
  return Response.json(openApiDocument({ serverUrl: new URL(request.url).origin }), {
    headers: { "cache-control": "public, max-age=300" },
  });
}
