"use client";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { SignInPanel } from "./SignInPanel";
import { useStaffSignIn } from "./useStaffSignIn";

/** The sign-in panel on a page of its own (/staff), for readers who came to sign in. */
export function StaffSignInCard({ passkey }: { passkey?: ReactNode }) {
  const signIn = useStaffSignIn(() => undefined);
  return (
    <Card>
      <SignInPanel signIn={signIn} passkey={passkey} heading={false} />
    </Card>
  );
}
