import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/primitives";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md text-center">
      <Card>
        <p className="text-sm font-semibold text-brand-600 dark:text-brand-100">404</p>
        <h1 className="mt-1 text-xl font-semibold">Page not found</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">
          There is nothing at this address, or it is not yours to see.
        </p>
        <p className="mt-4">
          <Link href="/" className="underline">
            Back to the start
          </Link>
        </p>
      </Card>
    </div>
  );
}
