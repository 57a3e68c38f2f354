"use client";
// A saved-at time in the reader's own locale and time zone. The server renders
// the same element; the text may differ there, hence suppressHydrationWarning.
export function SavedAt({ iso }: { iso: string }) {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  const text = sameDay
    ? date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })
    : date.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {text}
    </time>
  );
}
