import { toNextJsHandler } from "better-auth/next-js";
import { appAuth } from "@/app/_lib/auth";

export const dynamic = "force-dynamic";

// better-auth's own endpoints (sign-in, sign-out, session, OIDC redirect/callback);
// it checks Origin against the site itself for its state-changing requests.
const handlers = () => toNextJsHandler(appAuth());

export async function GET(request: Request) {
  return handlers().GET(request);
}

export async function POST(request: Request) {
  return handlers().POST(request);
}
