export type { ProviderId, ProviderMatch, ProviderRole, RecordView } from "./types";
export { FINGERPRINTS, type Fingerprint } from "./fingerprints";
export { identifyProviders } from "./identify-providers";
export {
  nonPortableAdvice,
  type NonPortableAdvice,
  type NonPortableContext,
  type NonPortableKind,
} from "./non-portable";
