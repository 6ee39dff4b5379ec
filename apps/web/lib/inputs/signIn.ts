/** POST /api/auth/sign-in: a Sign-In with Ethereum message and its signature (built by the staff menu). */
import * as z from "zod/mini";
import { refusing } from "./refusal";

export const signInRequest = refusing(
  z.object({
    message: refusing(
      z.string().check(z.maxLength(4096)),
      "MalformedSignIn",
      "Send the sign-in message as text of at most 4,096 characters.",
    ),
    signature: refusing(
      z.pipe(
        z.string().check(z.regex(/^0x[0-9a-fA-F]{130,}$/)),
        z.transform((s: string) => s as `0x${string}`),
      ),
      "MalformedSignIn",
      "Send the signature as 0x-prefixed hex.",
    ),
  }),
  "MalformedSignIn",
  "Send { message, signature }.",
);

export type SignInRequest = z.input<typeof signInRequest>;
