import { parseSscc } from "@tracemed/codes";
import { DomainError } from "@tracemed/errors";

/** The `[sscc]` segment of a route, checked: anything but an SSCC is a 400 with this error code. */
export async function ssccParam(
  params: Promise<{ sscc: string }>,
  code: "InvalidSscc" | "InvalidDigitalLink",
): Promise<string> {
  const { sscc } = await params;
  try {
    parseSscc(sscc);
  } catch (e) {
    throw new DomainError(code, `This is not a valid SSCC: ${(e as Error).message}`);
  }
  return sscc;
}
