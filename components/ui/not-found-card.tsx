"use client";
// The root not-found page's card (app/not-found.tsx). Next puts that page in every page's
// RSC payload (the root layout's not-found boundary), so it travels as its three strings.
import Link from "@/components/ui/link";
import { Card } from "./primitives";

export function NotFoundCard({ title, body, home }: { title: string; body: string; home: string }) {
  return (
    <div className="mx-auto max-w-md text-center">
      <Card>
        <p className="text-sm font-semibold text-brand-600 dark:text-brand-100">404</p>
        <h1 className="mt-1 text-xl font-semibold">{title}</h1>
        <p className="mt-2 soft">{body}</p>
        <p className="mt-4">
          <Link href="/" className="underline">
            {home}
          </Link>
        </p>
      </Card>
    </div>
  );
}
