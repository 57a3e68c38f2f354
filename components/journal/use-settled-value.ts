"use client";
// A value that follows another once it has stopped changing for a moment. The journal's
// preview follows the text this way (issue 25): a note at the size limit costs the
// browser about 40 ms a key in the textarea alone, and re-rendering and laying out its
// preview between keys doubled or tripled that; while the student types, it waits.
import { useEffect, useState } from "react";

export function useSettledValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, settled, delayMs]);
  return settled;
}
