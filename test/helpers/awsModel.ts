// The current AWS service models (botocore's service-2.json, in ../shared/aws-models) and two checks over them:
// whether a request member's value keeps the model's constraints, and whether a wire value (JSON, or XML as
// fast-xml-parser reads it) has the shape the model gives, per protocol (member names and types, timestamp
// formats, enums, unions, lists and maps). Used by the model-conformance test.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../harness/paths';

export interface ShapeRef {
  readonly shape: string;
  readonly location?: string;
  readonly locationName?: string;
  readonly idempotencyToken?: boolean;
  readonly timestampFormat?: string;
  readonly flattened?: boolean;
  readonly documentation?: string;
}

export interface Shape {
  readonly type: string;
  readonly members?: Record<string, ShapeRef>;
  readonly required?: readonly string[];
  readonly member?: ShapeRef;
  readonly key?: ShapeRef;
  readonly value?: ShapeRef;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly timestampFormat?: string;
  readonly union?: boolean;
  readonly exception?: boolean;
  readonly fault?: boolean;
  readonly error?: { readonly code?: string; readonly httpStatusCode?: number; readonly senderFault?: boolean };
  readonly flattened?: boolean;
}

export interface ModelOperation {
  readonly name: string;
  readonly http?: { readonly method: string; readonly requestUri: string };
  readonly input?: { readonly shape: string };
  readonly output?: { readonly shape: string; readonly resultWrapper?: string };
  readonly errors?: readonly { readonly shape: string }[];
}

export interface Model {
  readonly metadata: { readonly protocol: string; readonly serviceId: string; readonly signingName?: string; readonly endpointPrefix: string };
  readonly operations: Record<string, ModelOperation>;
  readonly shapes: Record<string, Shape>;
}

/** Where the models are: CLUSTER_PASS_AWS_MODELS, else ../shared/aws-models beside the repository. */
export function modelsDir(): string {
  return process.env.CLUSTER_PASS_AWS_MODELS ?? resolve(REPO_ROOT, '..', 'shared', 'aws-models');
}

export function loadModel(folder: string): Model {
  const file = join(modelsDir(), folder, 'service-2.json');
  if (!existsSync(file)) throw new Error(`The AWS model ${file} is missing: the model-conformance test needs ../shared/aws-models (or CLUSTER_PASS_AWS_MODELS).`);
  return JSON.parse(readFileSync(file, 'utf8')) as Model;
}

/** paginators-1.json: per operation, the request member that carries the paging token. */
export function loadPaginators(folder: string): Record<string, { input_token?: string | string[] }> {
  const file = join(modelsDir(), folder, 'paginators-1.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { pagination: Record<string, { input_token?: string }> }).pagination : {};
}

/**
 * A shape's pattern as AWS's request validation applies it: to the whole value ("Member must satisfy regular expression
 * pattern: [\w+=,.@-]*" refuses "a b"), although the Smithy trait itself is not anchored.
 */
function patternOf(shape: Shape): RegExp | undefined {
  return shape.pattern === undefined ? undefined : new RegExp(`^(?:${shape.pattern})$`, 'u');
}

/** What the model says is wrong with a request member's value, or undefined when it keeps every constraint. */
export function modelProblem(model: Model, ref: ShapeRef, value: unknown): string | undefined {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') return 'not a string';
      const length = [...value].length;
      if (shape.min !== undefined && length < shape.min) return `shorter than ${shape.min}`;
      if (shape.max !== undefined && length > shape.max) return `longer than ${shape.max}`;
      if (shape.enum && !shape.enum.includes(value)) return `not one of ${shape.enum.join(', ')}`;
      const pattern = patternOf(shape);
      if (pattern && !pattern.test(value)) return `does not match ${shape.pattern}`;
      return undefined;
    }
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'not an integer';
      if (shape.min !== undefined && value < shape.min) return `below ${shape.min}`;
      if (shape.max !== undefined && value > shape.max) return `above ${shape.max}`;
      return undefined;
    case 'list': {
      if (!Array.isArray(value)) return 'not a list';
      if (shape.min !== undefined && value.length < shape.min) return `fewer than ${shape.min} items`;
      if (shape.max !== undefined && value.length > shape.max) return `more than ${shape.max} items`;
      for (const item of value) {
        const problem = modelProblem(model, shape.member!, item);
        if (problem) return `an item ${problem}`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Collects shape-check results over many values. */
export class ShapeReport {
  readonly mismatches: string[] = [];
  readonly shapes = new Set<string>();

  mismatch(path: string, problem: string): void {
    this.mismatches.push(`${path}: ${problem}`);
  }
}

type Protocol = 'rest-json' | 'json' | 'query';

function timestampFormat(ref: ShapeRef, shape: Shape, protocol: Protocol): string {
  return ref.timestampFormat ?? shape.timestampFormat ?? (protocol === 'json' ? 'unixTimestamp' : 'iso8601');
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function checkTimestamp(value: unknown, format: string, path: string, report: ShapeReport): void {
  if (format === 'iso8601') {
    if (typeof value !== 'string' || !ISO_8601.test(value)) report.mismatch(path, `timestamp ${JSON.stringify(value)} is not ISO 8601 (date-time)`);
  } else if (format === 'unixTimestamp') {
    if (typeof value !== 'number' || !Number.isFinite(value)) report.mismatch(path, `timestamp ${JSON.stringify(value)} is not epoch seconds (a number)`);
  } else if (format === 'rfc822') {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) report.mismatch(path, `timestamp ${JSON.stringify(value)} is not an HTTP date`);
  }
}

function checkStringConstraints(shape: Shape, value: string, path: string, report: ShapeReport): void {
  if (shape.enum && !shape.enum.includes(value)) report.mismatch(path, `${JSON.stringify(value)} is not one of the enum ${shape.enum.join(', ')}`);
  const length = [...value].length;
  if (shape.min !== undefined && length < shape.min) report.mismatch(path, `shorter than the model's min ${shape.min}`);
  if (shape.max !== undefined && length > shape.max) report.mismatch(path, `longer than the model's max ${shape.max}`);
  const pattern = patternOf(shape);
  if (pattern && !pattern.test(value)) report.mismatch(path, `${JSON.stringify(value.slice(0, 80))} does not match ${shape.pattern}`);
}

/** A JSON wire value (restJson1 or awsJson1_1 body) against a shape. */
export function checkJson(model: Model, ref: ShapeRef, value: unknown, path: string, protocol: 'rest-json' | 'json', report: ShapeReport): void {
  const shape = model.shapes[ref.shape];
  report.shapes.add(`${model.metadata.endpointPrefix}:${ref.shape}`);
  if (value === null) return report.mismatch(path, 'null is not a value in AWS JSON protocols');
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return report.mismatch(path, `expected an object (${ref.shape})`);
      const members = shape.members ?? {};
      const body = Object.fromEntries(Object.entries(members).filter(([, m]) => !m.location));
      const present = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      if (shape.union && present.length !== 1) report.mismatch(path, `a union (${ref.shape}) must set exactly one member, not ${present.length}`);
      for (const [name, v] of present) {
        const member = body[name];
        if (!member) {
          report.mismatch(`${path}.${name}`, `not a member of ${ref.shape}`);
          continue;
        }
        checkJson(model, member, v, `${path}.${name}`, protocol, report);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return report.mismatch(path, `expected a list (${ref.shape})`);
      if (shape.max !== undefined && value.length > shape.max) report.mismatch(path, `more than ${shape.max} items`);
      value.forEach((item, i) => checkJson(model, shape.member!, item, `${path}[${i}]`, protocol, report));
      return;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) return report.mismatch(path, `expected a map (${ref.shape})`);
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        checkJson(model, shape.key!, k, `${path}{key}`, protocol, report);
        checkJson(model, shape.value!, v, `${path}.${k}`, protocol, report);
      }
      return;
    case 'string':
      if (typeof value !== 'string') return report.mismatch(path, `expected a string (${ref.shape})`);
      return checkStringConstraints(shape, value, path, report);
    case 'blob':
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) report.mismatch(path, 'a blob must be base64 text');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') report.mismatch(path, `expected a boolean (${ref.shape})`);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return report.mismatch(path, `expected an integer (${ref.shape})`);
      if (shape.min !== undefined && value < shape.min) report.mismatch(path, `below the model's min ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) report.mismatch(path, `above the model's max ${shape.max}`);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number') report.mismatch(path, `expected a number (${ref.shape})`);
      return;
    case 'timestamp':
      return checkTimestamp(value, timestampFormat(ref, shape, protocol), path, report);
    default:
      report.mismatch(path, `shape type ${shape.type} is not checked`);
  }
}

/**
 * An awsQuery XML element (as fast-xml-parser reads it with every text kept as a string, attributes dropped) against a
 * shape: structure members by their locationName, lists as <member> (or the member's locationName) children.
 */
export function checkXml(model: Model, ref: ShapeRef, value: unknown, path: string, report: ShapeReport): void {
  const shape = model.shapes[ref.shape];
  report.shapes.add(`${model.metadata.endpointPrefix}:${ref.shape}`);
  switch (shape.type) {
    case 'structure': {
      if (value === '') return; // an empty element: a structure with no members set
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return report.mismatch(path, `expected an element with children (${ref.shape})`);
      const members = shape.members ?? {};
      const byWireName = new Map(Object.entries(members).map(([name, m]) => [m.locationName ?? name, m]));
      for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
        const member = byWireName.get(name);
        if (!member) {
          report.mismatch(`${path}.${name}`, `not a member of ${ref.shape}`);
          continue;
        }
        if (Array.isArray(v) && model.shapes[member.shape].type !== 'list') report.mismatch(`${path}.${name}`, 'appears more than once');
        checkXml(model, member, v, `${path}.${name}`, report);
      }
      return;
    }
    case 'list': {
      if (value === '') return;
      const itemName = shape.member!.locationName ?? 'member';
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return report.mismatch(path, `expected <${itemName}> children (${ref.shape})`);
      const children = Object.keys(value as Record<string, unknown>);
      if (children.some((c) => c !== itemName)) return report.mismatch(path, `list items must be <${itemName}>, not <${children.join('>, <')}>`);
      const items = (value as Record<string, unknown>)[itemName];
      (Array.isArray(items) ? items : [items]).forEach((item, i) => checkXml(model, shape.member!, item, `${path}[${i}]`, report));
      return;
    }
    case 'string':
      if (typeof value !== 'string') return report.mismatch(path, `expected text (${ref.shape})`);
      return checkStringConstraints(shape, value, path, report);
    case 'boolean':
      if (value !== 'true' && value !== 'false') report.mismatch(path, `expected true or false, not ${JSON.stringify(value)}`);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'string' || !/^-?\d+$/.test(value)) return report.mismatch(path, `expected an integer, not ${JSON.stringify(value)}`);
      if (shape.min !== undefined && Number(value) < shape.min) report.mismatch(path, `below the model's min ${shape.min}`);
      if (shape.max !== undefined && Number(value) > shape.max) report.mismatch(path, `above the model's max ${shape.max}`);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'string' || Number.isNaN(Number(value))) report.mismatch(path, `expected a number, not ${JSON.stringify(value)}`);
      return;
    case 'timestamp':
      return checkTimestamp(value, timestampFormat(ref, shape, 'query'), path, report);
    default:
      report.mismatch(path, `shape type ${shape.type} is not checked`);
  }
}
