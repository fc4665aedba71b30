/** The client's address for rate limiting (see lib/security/client-address.ts). */
export { clientAddress } from "@/lib/security/client-address";
