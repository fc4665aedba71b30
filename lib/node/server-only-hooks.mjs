// Module resolve hook (Node "Customization Hooks", node:module register): outside Next.js every module is
// server code, so the `server-only` marker resolves to an empty module instead of its throwing default
// export — the same thing Next.js does for its server bundles.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return nextResolve(specifier, context);
}
