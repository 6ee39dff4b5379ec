import { parseSscc } from "@tracemed/codes";
import { badRequest } from "@/lib/http";

/** The `[sscc]` segment of a route, checked: anything but an SSCC is a 400 with this error code. */
export async function ssccParam(params: Promise<{ sscc: string }>, code: string): Promise<string> {
  const { sscc } = await params;
  try {
    parseSscc(sscc);
  } catch (e) {
    throw badRequest(code, `This is not a valid SSCC: ${(e as Error).message}`);
  }
  return sscc;
}
