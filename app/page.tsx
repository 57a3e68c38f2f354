import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";

export default async function Home() {
  const user = await getCurrentUser();
  redirect(!user ? "/login" : user.role === "admin" ? "/admin/students" : "/me");
}
