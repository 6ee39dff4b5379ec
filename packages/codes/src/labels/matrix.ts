/** A 2D barcode as a grid of modules: modules[y * width + x] is 1 for a dark module. */
export interface ModuleMatrix {
  width: number;
  height: number;
  modules: Uint8Array;
}

/**
 * The dark modules as horizontal runs [x, y, length]: a row of 5 dark modules is one rectangle,
 * which keeps the PDF small and its drawing fast.
 */
export function darkRuns(m: ModuleMatrix): Array<[x: number, y: number, length: number]> {
  const runs: Array<[number, number, number]> = [];
  for (let y = 0; y < m.height; y++) {
    let x = 0;
    while (x < m.width) {
      if (!m.modules[y * m.width + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < m.width && m.modules[y * m.width + x]) x++;
      runs.push([start, y, x - start]);
    }
  }
  return runs;
}

/**
 * Renders the matrix as 8-bit grey pixels (0 dark, 255 light) with a quiet zone, `scale` pixels a
 * module: what decoders take in tests.
 */
export function rasterize(
  m: ModuleMatrix,
  scale = 4,
  quiet = 4,
): { width: number; height: number; pixels: Uint8ClampedArray } {
  const width = (m.width + 2 * quiet) * scale;
  const height = (m.height + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(width * height).fill(255);
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      if (!m.modules[y * m.width + x]) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = ((y + quiet) * scale + dy) * width + (x + quiet) * scale;
        pixels.fill(0, row, row + scale);
      }
    }
  }
  return { width, height, pixels };
}
