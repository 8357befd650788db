// TypeScript declarations from a botocore-style service model, shared by the generators of the
// IAM/STS models (generate-model.ts) and of the Access Analyzer model (generate-analyzer-model.ts).

export interface ShapeForTypes {
  type: string;
  member?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  members?: Record<string, { shape: string }>;
  required?: string[];
  exception?: boolean;
}

/** The TypeScript type of the shape named `ref`. */
export function tsType(shapes: Record<string, ShapeForTypes>, ref: string): string {
  const s = shapes[ref]!;
  switch (s.type) {
    case 'structure':
      return ref;
    case 'list':
      return `(${tsType(shapes, s.member!.shape)})[]`;
    case 'map':
      return `Record<string, ${tsType(shapes, s.value!.shape)}>`;
    case 'string':
      return s.enum ? s.enum.map((e) => JSON.stringify(e)).join(' | ') : 'string';
    case 'integer':
    case 'long':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'timestamp':
      return 'Date';
    case 'blob':
      return 'Buffer';
    default:
      return 'unknown';
  }
}

/** `export interface …` for each named structure that is not an exception, in the order given. */
export function structureInterfaces(shapes: Record<string, ShapeForTypes>, names: Iterable<string>): string {
  let out = '';
  for (const name of names) {
    const s = shapes[name]!;
    if (s.type !== 'structure' || s.exception) continue;
    const req = new Set(s.required ?? []);
    const members = Object.entries(s.members ?? {})
      .map(([m, r]) => `  ${m}${req.has(m) ? '' : '?'}: ${tsType(shapes, r.shape)};`)
      .join('\n');
    out += `export interface ${name} {\n${members}\n}\n`;
  }
  return out;
}
