// Runs in the browser before the app becomes interactive (Next.js
// instrumentation-client convention). See lib/security/client-init.ts.
import "./lib/security/client-init";
