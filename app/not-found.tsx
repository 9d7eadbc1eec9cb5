import Link from "next/link";
import { linkClass } from "@/components/ui";

export default function NotFound() {
  return (
    <main id="main-content" className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <h1 className="mb-4 text-4xl font-bold">Page not found</h1>
      <p className="mb-4 text-lg">
        If you typed the web address, check it is correct. If you followed a link, the thing it points to may have been removed or you may not have access to
        it.
      </p>
      <p className="text-lg">
        <Link href="/" className={linkClass}>
          Go to your home page
        </Link>
      </p>
    </main>
  );
}
