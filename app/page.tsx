import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { homeFor } from "@/lib/auth/session-user";

export default async function Home() {
  const user = await getCurrentUser();
  redirect(user ? homeFor(user) : "/login");
}
