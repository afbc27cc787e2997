/**
 * One fast-xml-parser set-up for every RD document. Lenient on what vendors vary
 * (namespaces, declaration, attribute order and quotes, whitespace), strict on
 * well-formedness: malformed input becomes a typed KioskError, never a crash.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { KioskError } from '../../shared/errors';

/** Larger than any real PidData (a few KB per finger); refuses memory abuse from a rogue port. */
export const MAX_RD_XML_BYTES = 2 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  isArray: (name) => name === 'Interface' || name === 'Param',
});

export type XmlNode = { $?: Record<string, unknown>; '#text'?: unknown; [child: string]: unknown };

/** Parses an RD XML document; throws E_RD_BAD_XML for anything that is not well-formed XML. */
export function parseRdXml(text: string, what: string): Record<string, unknown> {
  if (typeof text !== 'string' || text.length === 0) throw new KioskError('E_RD_BAD_XML', `The RD service sent an empty ${what}.`);
  if (text.length > MAX_RD_XML_BYTES) throw new KioskError('E_RD_BAD_XML', `The RD service sent a ${what} that is too large.`);
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const valid = XMLValidator.validate(trimmed, { allowBooleanAttributes: false });
  if (valid !== true) {
    throw new KioskError('E_RD_BAD_XML', `The RD service sent a malformed ${what} (line ${valid.err.line}).`);
  }
  try {
    return parser.parse(trimmed) as Record<string, unknown>;
  } catch (e) {
    throw new KioskError('E_RD_BAD_XML', `The RD service sent a malformed ${what}.`, undefined, { cause: e });
  }
}

/** The single root element named `name` (case-insensitive), or undefined. */
export function rootElement(doc: Record<string, unknown>, name: string): XmlNode | undefined {
  const key = Object.keys(doc).find((k) => k.toLowerCase() === name.toLowerCase());
  if (!key) return undefined;
  return asNode(doc[key]);
}

export function asNode(value: unknown): XmlNode | undefined {
  if (Array.isArray(value)) return asNode(value[0]);
  if (value === '' || value === undefined || value === null) return value === '' ? {} : undefined;
  if (typeof value === 'object') return value as XmlNode;
  // An element with text only: keep the text.
  return { '#text': value };
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  const key = Object.keys(node).find((k) => k !== '$' && k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : asNode(node[key]);
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node) return [];
  const key = Object.keys(node).find((k) => k !== '$' && k.toLowerCase() === name.toLowerCase());
  if (key === undefined) return [];
  const v = node[key];
  return (Array.isArray(v) ? v : [v]).map(asNode).filter((n): n is XmlNode => n !== undefined);
}

/** Attribute as a string ('' when absent). Case-insensitive: vendors vary. */
export function attr(node: XmlNode | undefined, name: string): string {
  const attrs = node?.$;
  if (!attrs) return '';
  const key = Object.keys(attrs).find((k) => k.toLowerCase() === name.toLowerCase());
  const v = key === undefined ? undefined : attrs[key];
  return v === undefined || v === null ? '' : String(v);
}

export function hasAttr(node: XmlNode | undefined, name: string): boolean {
  const attrs = node?.$;
  return !!attrs && Object.keys(attrs).some((k) => k.toLowerCase() === name.toLowerCase());
}

export function text(node: XmlNode | undefined): string {
  const t = node?.['#text'];
  return t === undefined || t === null ? '' : String(t);
}

/** Escapes a value for an XML attribute (double-quoted). */
export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
