/** Word-wraps plain text for the terminal, keeping a hanging indent on continuation lines. */
export function wrap(text: string, width: number, firstIndent: string, restIndent = firstIndent): string {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = firstIndent;
    let indentOnly = true;
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      if (!indentOnly && line.length + 1 + word.length > width) {
        out.push(line);
        line = restIndent + word;
      } else line += (indentOnly ? "" : " ") + word;
      indentOnly = false;
    }
    out.push(indentOnly ? "" : line);
    firstIndent = restIndent;
  }
  return out.join("\n");
}
