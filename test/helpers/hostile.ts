// Hostile input shared by the security tests and the fuzz suite (issue #22).
import { expect } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';

/** Names Object.prototype carries: never a handler, a table entry or a prototype. */
export const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
];

/** XML 1.0 well-formedness as far as characters go (raw or as references), plus the structure
 *  check of fast-xml-parser. */
export function expectWellFormedXml(text: string) {
  expect(text).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  expect(text).not.toMatch(/&#(x0*([0-8bcef]|1[0-9a-f])|0*([0-8]|1[1-9]|2\d|3[01]|1[0-24-9]));/i);
  expect(XMLValidator.validate(text)).toBe(true);
}
