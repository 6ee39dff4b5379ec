/** Label stock: where labels sit on a page. All sizes in millimetres. */
export interface LabelLayout {
  name: string;
  /** page size; for a roll, the page is one label */
  pageWidth: number;
  pageHeight: number;
  labelWidth: number;
  labelHeight: number;
  columns: number;
  rows: number;
  /** offset of the first label from the top-left corner of the page */
  marginLeft: number;
  marginTop: number;
  /** distance between neighbouring labels */
  gapX: number;
  gapY: number;
}

/** Roll stock: one `width` x `height` mm label a page, printed edge to edge. */
export function rollLayout<N extends string>(name: N, width: number, height: number): LabelLayout & { name: N } {
  const one = { columns: 1, rows: 1, marginLeft: 0, marginTop: 0, gapX: 0, gapY: 0 };
  return { name, pageWidth: width, pageHeight: height, labelWidth: width, labelHeight: height, ...one };
}

export const LABEL_LAYOUTS = {
  /** A4 sheet, 3 x 8 labels of 70 x 37 mm, no gaps (Avery 3474 and equivalents). */
  "a4-3x8": {
    name: "a4-3x8",
    pageWidth: 210,
    pageHeight: 297,
    labelWidth: 70,
    labelHeight: 37,
    columns: 3,
    rows: 8,
    marginLeft: 0,
    marginTop: 0.5,
    gapX: 0,
    gapY: 0,
  },
  /** A4 sheet, 3 x 7 labels of 63.5 x 38.1 mm (Avery L7160 and equivalents). */
  "a4-3x7": {
    name: "a4-3x7",
    pageWidth: 210,
    pageHeight: 297,
    labelWidth: 63.5,
    labelHeight: 38.1,
    columns: 3,
    rows: 7,
    marginLeft: 7.2,
    marginTop: 15.15,
    gapX: 2.5,
    gapY: 0,
  },
  /** Thermal-transfer roll, one 50 x 30 mm label a page. */
  "roll-50x30": rollLayout("roll-50x30", 50, 30),
  /** Thermal-transfer roll, one 100 x 50 mm label a page. */
  "roll-100x50": rollLayout("roll-100x50", 100, 50),
} as const satisfies Record<string, LabelLayout>;

export type LayoutName = keyof typeof LABEL_LAYOUTS;

export const MM = 72 / 25.4;
