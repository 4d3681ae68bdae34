// A small XML writer for awsQuery responses: elements from plain objects, lists with a member name, text escaped.

export type XmlValue = string | number | boolean | undefined | XmlList | XmlObject;
export interface XmlObject {
  [name: string]: XmlValue;
}

/** A list rendered as <Name><Member>…</Member>…</Name>. */
export class XmlList {
  constructor(
    readonly member: string,
    readonly items: readonly XmlValue[],
  ) {}
}

export function xmlList(member: string, items: readonly XmlValue[]): XmlList {
  return new XmlList(member, items);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function children(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof XmlList) return value.items.map((item) => element(value.member, item)).join('');
  if (typeof value === 'object') return Object.entries(value).map(([name, v]) => element(name, v)).join('');
  return escapeXml(String(value));
}

/** One element; undefined values are omitted entirely. */
export function element(name: string, value: XmlValue, attributes: Record<string, string> = {}): string {
  if (value === undefined) return '';
  const attrs = Object.entries(attributes).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  return `<${name}${attrs}>${children(value)}</${name}>`;
}

export function xmlDocument(root: string, value: XmlValue, xmlns?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value, xmlns ? { xmlns } : {})}\n`;
}
