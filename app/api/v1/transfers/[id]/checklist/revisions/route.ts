import { apiJson, apiRoute } from "@/app/_lib/api";
import { listRevisions } from "@/lib/app/checklist/list-revisions";
import { signRevision } from "@/lib/app/checklist/sign-revision";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>("listRevisions", async ({ actor, params }) =>
  apiJson(await listRevisions(actor, { transferId: params.id })),
);

/** 201 with a new revision; 200 with the current one when nothing changed since it (a repeated POST signs nothing new). */
export const POST = apiRoute<{ id: string }>("createRevision", async ({ actor, params }) => {
  const r = await signRevision(actor, { transferId: params.id });
  return apiJson(r.revision, r.created ? 201 : 200);
});
