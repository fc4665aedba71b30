import { LinkInvalid } from "@/app/_components/link-invalid";

/** Every refused token (revoked, expired, unknown) lands here with the same 404 and text. */
export default function NotFound() {
  return <LinkInvalid />;
}
