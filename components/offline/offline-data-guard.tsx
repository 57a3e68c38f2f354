"use client";
// On every page: offline review data kept in this browser belongs to the signed-in
// student or is deleted (signed out, session ended, another account signed in), so
// nothing of one account stays for the next person (lib/offline/store.ts#guardOwner).
import { useEffect } from "react";
import { guardOwner } from "@/lib/offline/store";

export function OfflineDataGuard({ userId }: { userId: string | null }) {
  useEffect(() => {
    void guardOwner(userId).catch(() => undefined);
  }, [userId]);
  return null;
}
