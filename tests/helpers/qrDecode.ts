import jsQR from "jsqr";

/** Reads a half-block QR drawing back into its text, the way a phone camera would see it. */
export function decodeQrText(drawing: string): string | undefined {
  const rows = drawing.replace(/\u001b\[[0-9;]*m/g, "").split("\n").filter((l) => l.length > 0);
  const width = Math.max(...rows.map((r) => [...r].length));
  const modules: boolean[][] = [];
  for (const row of rows) {
    const chars = [...row.padEnd(width, " ")];
    modules.push(chars.map((c) => c === "▀" || c === "█"));
    modules.push(chars.map((c) => c === "▄" || c === "█"));
  }
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
