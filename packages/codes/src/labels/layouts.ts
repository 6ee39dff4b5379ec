/** Label stock: where labels sit on a page, and where a printer can print. All sizes in millimetres. */
export interface LabelLayout {
  name: string;
  /** what a buyer of label stock calls it, e.g. "A4, 3 x 8 labels 70 x 37 mm (Avery 3474)" */
  title: string;
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
  /**
   * Nothing is printed closer than this to the page's edge: office printers cannot print the outer
   * 4-5 mm of a sheet, so sheets keep 5 mm (labels at the edge shrink their content, the die-cut
   * grid does not move); a roll's page is its label, and label printers keep 1.5 mm off the cut.
   */
  safeMargin: number;
}

/** Every label's content also keeps this far inside its own die-cut edge (the cut wanders ~1 mm). */
export const LABEL_PADDING_MM = 1.5;
/** What office printers cannot reach at a sheet's edge, and more (GS1 and printer makers say 4-5 mm). */
export const SHEET_SAFE_MARGIN_MM = 5;

/** Roll stock: one `width` x `height` mm label a page, printed to 1.5 mm of its edge. */
export function rollLayout<N extends string>(
  name: N,
  width: number,
  height: number,
  title = `Roll, labels ${width} x ${height} mm`,
): LabelLayout & { name: N } {
  const one = { columns: 1, rows: 1, marginLeft: 0, marginTop: 0, gapX: 0, gapY: 0 };
  return {
    name,
    title,
    pageWidth: width,
    pageHeight: height,
    labelWidth: width,
    labelHeight: height,
    ...one,
    safeMargin: LABEL_PADDING_MM,
  };
}

/** A sheet of `columns` x `rows` labels, centred on the page as the stock's makers lay them out. */
function sheetLayout<N extends string>(
  name: N,
  title: string,
  page: [number, number],
  label: [number, number],
  grid: [columns: number, rows: number],
  gaps: [number, number] = [0, 0],
): LabelLayout & { name: N } {
  const [columns, rows] = grid;
  const [gapX, gapY] = gaps;
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    name,
    title,
    pageWidth: page[0],
    pageHeight: page[1],
    labelWidth: label[0],
    labelHeight: label[1],
    columns,
    rows,
    marginLeft: round((page[0] - columns * label[0] - (columns - 1) * gapX) / 2),
    marginTop: round((page[1] - rows * label[1] - (rows - 1) * gapY) / 2),
    gapX,
    gapY,
    safeMargin: SHEET_SAFE_MARGIN_MM,
  };
}

const A4: [number, number] = [210, 297];
const LETTER: [number, number] = [215.9, 279.4];

/**
 * The label stocks the print files come on: the common A4 and US Letter sheets (Avery codes for
 * the makers' equivalents) and thermal-transfer rolls; "roll-4x6" is the logistic label's.
 */
export const LABEL_LAYOUTS = {
  "a4-3x8": sheetLayout("a4-3x8", "A4, 3 x 8 labels 70 x 37 mm (Avery 3474)", A4, [70, 37], [3, 8]),
  "a4-3x7": sheetLayout("a4-3x7", "A4, 3 x 7 labels 63.5 x 38.1 mm (Avery L7160)", A4, [63.5, 38.1], [3, 7], [2.5, 0]),
  "a4-2x7": sheetLayout("a4-2x7", "A4, 2 x 7 labels 99.1 x 38.1 mm (Avery L7163)", A4, [99.1, 38.1], [2, 7], [2.5, 0]),
  "letter-3x10": sheetLayout(
    "letter-3x10",
    "US Letter, 3 x 10 labels 66.7 x 25.4 mm (Avery 5160)",
    LETTER,
    [66.675, 25.4],
    [3, 10],
    [3.175, 0],
  ),
  "roll-50x30": rollLayout("roll-50x30", 50, 30),
  "roll-100x50": rollLayout("roll-100x50", 100, 50),
  "roll-4x6": rollLayout("roll-4x6", 101.6, 152.4, "Roll, labels 4 x 6 in (101.6 x 152.4 mm)"),
} as const satisfies Record<string, LabelLayout>;

export type LayoutName = keyof typeof LABEL_LAYOUTS;

export const MM = 72 / 25.4;
