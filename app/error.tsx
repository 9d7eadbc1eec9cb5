"use client";

import { Button } from "@/components/ui";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main-content" className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <h1 className="mb-4 text-4xl font-bold">Sorry, there is a problem with the service</h1>
      <p className="mb-6 text-lg">Nothing you entered has been lost. Try again in a moment.</p>
      <Button type="button" onClick={() => reset()}>
        Try again
      </Button>
    </main>
  );
}
