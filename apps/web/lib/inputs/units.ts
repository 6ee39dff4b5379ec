/** Cases and pallets: the receipt proof a recipient asks for before opening a unit. */
import * as z from "zod/mini";
import { sscc } from "./custody";
import { refusing } from "./refusal";

/** POST /api/custody/units/proofs: the unit to open or take over. */
export const unitProofRequest = refusing(z.object({ sscc }), "InvalidBody", "Send { sscc }.");

export type UnitProofRequest = z.input<typeof unitProofRequest>;
