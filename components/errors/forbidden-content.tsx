import Link from "next/link";
import { linkClass } from "@/components/ui";

export function ForbiddenContent() {
  return (
    <div className="max-w-2xl">
      <h1 className="mb-4 text-4xl font-bold">You do not have access to this page</h1>
      <p className="mb-4 text-lg">
        Your role does not allow you to open this page. If you think you should have access, ask your organisation&apos;s administrator.
      </p>
      <p className="text-lg">
        <Link href="/" className={linkClass}>
          Go to your home page
        </Link>
      </p>
    </div>
  );
}
