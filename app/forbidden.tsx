import { ForbiddenContent } from "@/components/errors/forbidden-content";

export default function Forbidden() {
  return (
    <main id="main-content" className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <ForbiddenContent />
    </main>
  );
}
