import jsQR from "jsqr";

/** Reads a half-block QR drawing back into its text, the way a phone camera would see it. */
export function decodeQrText(drawing: string): string | undefined {
  const modules: boolean[][] = [];
  if (drawing.includes("\u001b[38;5;")) {
    // In colour every cell is an upper half block: its foreground is the top module, its background the bottom.
    for (const row of drawing.split("\n").filter((l) => l.includes("▀"))) {
      const cells = [...row.matchAll(/\u001b\[38;5;(\d+);48;5;(\d+)m▀/g)];
      modules.push(cells.map((c) => c[1] === "16"), cells.map((c) => c[2] === "16"));
    }
  } else {
    const rows = drawing.replace(/\u001b\[[0-9;]*m/g, "").split("\n").filter((l) => l.length > 0);
    const width = Math.max(...rows.map((r) => [...r].length));
    for (const row of rows) {
      const chars = [...row.padEnd(width, " ")];
      modules.push(chars.map((c) => c === "▀" || c === "█"));
      modules.push(chars.map((c) => c === "▄" || c === "█"));
    }
  }
  const width = Math.max(...modules.map((r) => r.length));
  const scale = 4;
  const margin = 4 * scale;
  const w = width * scale + margin * 2;
  const h = modules.length * scale + margin * 2;
  const pixels = new Uint8ClampedArray(w * h * 4).fill(255);
  modules.forEach((line, y) =>
    line.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = ((margin + y * scale + dy) * w + margin + x * scale + dx) * 4;
          pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
        }
    }),
  );
  return jsQR(pixels, w, h)?.data;
}
