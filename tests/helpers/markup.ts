import MarkdownIt from "markdown-it";
import { parse, type DefaultTreeAdapterMap } from "parse5";

type Node = DefaultTreeAdapterMap["node"];

/** Elements no harden page ever writes: each one in a page is text from outside that came alive. */
const FOREIGN = new Set(["script", "img", "iframe", "object", "embed", "svg", "math", "form", "base", "link"]);

/**
 * What a browser would act on in this HTML, parsed as a browser parses it (parse5): foreign
 * elements, event-handler attributes, and links or sources with a scheme that can run or carry
 * content (javascript:, data:, …). http, // and mailto pass: a linkifying renderer makes those from
 * plain text on its own. An empty list means the page is inert.
 */
export function liveHazards(html: string): string[] {
  const found: string[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node) {
      if (FOREIGN.has(node.tagName)) found.push(`<${node.tagName}> element`);
      for (const { name, value } of node.attrs) {
        if (name.startsWith("on")) found.push(`${name}= on <${node.tagName}>`);
        if (["href", "src", "action", "formaction", "xlink:href"].includes(name) && !/^(https?:|mailto:|#|\/\/)/i.test(value.trim())) found.push(`${name}="${value}" on <${node.tagName}>`);
      }
    }
    if ("childNodes" in node) for (const child of node.childNodes) walk(child);
    if ("content" in node && node.content) walk(node.content as Node);
  };
  walk(parse(html) as Node);
  return found;
}

/**
 * Markdown rendered as a permissive renderer would: raw HTML passed through, bare URLs linked
 * (unless `linkify: false`), and no check of link schemes (markdown-it's own check is turned off
 * so only harden's escaping counts).
 */
export function renderMarkdown(markdown: string, options: { linkify?: boolean } = {}): string {
  const md = new MarkdownIt({ html: true, linkify: options.linkify ?? true });
  md.validateLink = () => true;
  return md.render(markdown);
}
