// One OpenAPI file of Twilio's (as cached by scripts/fetch-spec.mjs): its operations, matched by
// path, and validators for the schemas inside it, compiled once each with ajv.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

export type Schema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface ResponseSpec {
  headers?: Record<string, { schema?: Schema }>;
  content?: Record<string, { schema: Schema }>;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, ResponseSpec>;
}

export interface PathTemplate {
  spec: SpecFile;
  template: string;
  regex: RegExp;
  literalCount: number;
  operations: Record<string, Operation>;
}

interface OpenApiDocument {
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'delete', 'put', 'patch'];

export class SpecFile {
  readonly templates: PathTemplate[];
  /** APIs with JSON request bodies (Intelligence v3, Conversations v2, Memory v1, Voice v2/v3) rather than v2's form bodies. */
  readonly json: boolean;
  private readonly document: OpenApiDocument;
  private ajvInstance?: Ajv;
  private readonly pathUris: boolean;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly file: string) {
    this.document = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
    dropUntypedNullable(this.document);
    inlineParameterRefs(this.document);
    resolveDiscriminators(this.document);
    this.json = Object.keys(this.document.paths).some((path) => path.startsWith('/v3/')) || takesJson(this.document);
    // api.twilio.com (v2010) writes its `uri` fields as paths; the other hosts write absolute URLs.
    this.pathUris = (this.document.servers ?? []).some((server) => server.url === 'https://api.twilio.com');
    this.templates = Object.entries(this.document.paths).map(([template, item]) => this.templateOf(template, item));
  }

  /** The document's ajv, made on first use: most test files check exchanges of one or two of the APIs. */
  private get ajv(): Ajv {
    if (this.ajvInstance) return this.ajvInstance;
    // strict:false so OpenAPI-only keywords (example, x-twilio, …) are ignored; `nullable` is understood by ajv.
    // validateSchema:false: an OpenAPI document is no JSON Schema, and checking it against the meta-schema is most of the start-up.
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    const pathUris = this.pathUris;
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    ajv.addFormat('uri', (value: string) => URL.canParse(value) || (pathUris && value.startsWith('/')));
    ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
    ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && Math.abs(value) < 2 ** 31 });
    ajv.addFormat('float', { type: 'number', validate: () => true });
    ajv.addFormat('uri-map', true); // Twilio's name for an object whose values are URLs
    ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'https://twilio.invalid/'));
    // The whole document is one schema, so `#/components/schemas/…` refs resolve where they are.
    ajv.addSchema(this.document, this.file);
    this.ajvInstance = ajv;
    return ajv;
  }

  /** A validator for the schema at `pointer` inside the document (a JSON pointer, compiled once). */
  validatorAt(pointer: string[]): ValidateFunction {
    const ref = `${this.file}#/${pointer.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    return validate;
  }

  /** Form, query and header values are strings on the wire; turn them into what the schema describes. */
  coerce(raw: string | string[], schema: Schema): unknown {
    const type = this.typeOf(schema);
    if (type === 'array') return (Array.isArray(raw) ? raw : [raw]).map((one) => this.coerce(one, (schema.items ?? {}) as Schema));
    if (Array.isArray(raw)) return raw; // repeated key for a scalar: fails the type check, as it should
    if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
    if (type === 'object') {
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    }
    return raw;
  }

  /** The schema's `type`, following a `$ref` into components. */
  private typeOf(schema: Schema): unknown {
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.split('/').pop() ?? '';
      return this.typeOf(this.document.components?.schemas?.[name] ?? {});
    }
    return schema.type;
  }

  private templateOf(template: string, item: Record<string, unknown>): PathTemplate {
    const operations: Record<string, Operation> = {};
    for (const method of METHODS) if (item[method]) operations[method.toUpperCase()] = item[method] as Operation;
    const pattern = template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    const literalCount = template
      .split('/')
      .slice(1)
      .filter((segment) => !segment.startsWith('{')).length;
    return { spec: this, template, regex: new RegExp(`^${pattern}$`), literalCount, operations };
  }
}

/**
 * Memory v1 names its parameters by `$ref` (`#/components/parameters/…`); they are copied in place, so operations
 * list them as the other files do and a parameter's schema is found at `parameters/<index>/schema`.
 */
function inlineParameterRefs(document: OpenApiDocument): void {
  const components = (document as { components?: { parameters?: Record<string, Parameter> } }).components?.parameters ?? {};
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation?.parameters) continue;
      operation.parameters = operation.parameters.map((parameter) => {
        const ref = (parameter as { $ref?: unknown }).$ref;
        return typeof ref === 'string' ? (components[ref.split('/').pop() ?? ''] ?? parameter) : parameter;
      });
    }
  }
}

/** Some operation's request body is JSON. */
function takesJson(document: OpenApiDocument): boolean {
  return Object.values(document.paths).some((item) =>
    METHODS.some((method) => {
      const operation = item[method] as Operation | undefined;
      return operation?.requestBody?.content['application/json'] !== undefined;
    }),
  );
}

/**
 * Free-form properties (operator `config`, transcript `channel`, …) say `nullable` without a `type`;
 * they already accept null, and ajv refuses `nullable` without `type`, so the keyword is dropped.
 */
function dropUntypedNullable(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const object = node as Schema;
  if ('nullable' in object && !('type' in object)) delete object.nullable;
  for (const child of Object.values(object)) dropUntypedNullable(child);
}

/**
 * v3's OperatorResult is a `oneOf` that only its discriminator (`outputFormat` → TextResult, JSONResult, …)
 * makes unambiguous: a TEXT result also matches JSONResult's free-form `result`. ajv cannot use a discriminator
 * with a `mapping`, so each is rewritten as "if outputFormat is X then the mapped schema".
 */
function resolveDiscriminators(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const object = node as Schema;
  const discriminator = object.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
  if (discriminator?.mapping && Array.isArray(object.oneOf)) {
    const property = discriminator.propertyName;
    object.allOf = [
      { required: [property], properties: { [property]: { enum: Object.keys(discriminator.mapping) } } },
      ...Object.entries(discriminator.mapping).map(([value, ref]) => ({
        if: { properties: { [property]: { const: value } } },
        then: { $ref: ref },
      })),
    ];
    delete object.oneOf;
    delete object.discriminator;
  }
  for (const child of Object.values(object)) resolveDiscriminators(child);
}
