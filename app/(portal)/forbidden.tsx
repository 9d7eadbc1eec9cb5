import { ForbiddenContent } from "@/components/errors/forbidden-content";

export default function Forbidden() {
  return <ForbiddenContent />;
}
