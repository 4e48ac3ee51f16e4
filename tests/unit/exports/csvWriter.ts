/**
 * A tiny RFC 4180 writer for the tests: whatever a correct writer produces, the importers must read back.
 * It also says on which line each row starts, counted independently of the code under test.
 */
export interface CsvStyle {
  lineEnding: "\n" | "\r\n";
  /** Firefox and KeePassXC quote every value; Chrome and most others only when needed. */
  quoteAll: boolean;
  bom: boolean;
}

export interface WrittenCsv {
  text: string;
  /** 1-based start line of each row, header first. */
  lines: number[];
}

export function writeCsv(rows: readonly (readonly string[])[], style: CsvStyle): WrittenCsv {
  let text = style.bom ? "\ufeff" : "";
  const lines: number[] = [];
  for (const row of rows) {
    lines.push(lineBreaks(text) + 1);
    text += row.map((value) => quote(value, style.quoteAll)).join(",") + style.lineEnding;
  }
  return { text, lines };
}

function quote(value: string, always: boolean): string {
  return always || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** What an editor counts: CRLF, LF and a lone CR each end a line. */
export function lineBreaks(text: string): number {
  return text.match(/\r\n|\n|\r/g)?.length ?? 0;
}
