/**
 * Hand-written, eval-free validation of W3C Web Annotation JSON (the model's
 * MUST constraints as the W3C test suite checks them), used on import.
 * Each problem names the field by its path, e.g. `body[1].format`.
 */

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface Issue {
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An absolute IRI: scheme ':' then no whitespace or characters IRIs exclude. */
const IRI_RE = /^[a-z][a-z0-9+.-]*:[^\s"<>\\^`{|}]+$/i;
export function isIri(v: unknown): v is string {
  return typeof v === 'string' && IRI_RE.test(v);
}

const DATE_TIME_RE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;
export function isDateTime(v: unknown): v is string {
  return typeof v === 'string' && DATE_TIME_RE.test(v) && !Number.isNaN(Date.parse(v));
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** A value that must be single: the value itself or an array holding exactly one. */
function single(v: unknown): { ok: true; value: unknown } | { ok: false } {
  if (Array.isArray(v)) return v.length === 1 ? { ok: true, value: v[0] } : { ok: false };
  return { ok: true, value: v };
}

/** `v` or the items of `v` when it is an array. */
export function many(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** The type values of an object (type may be a string or an array of strings). */
export function typesOf(o: Obj): string[] {
  return many(o.type).filter((t): t is string => typeof t === 'string');
}

class Checker {
  readonly issues: Issue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  singleIri(o: Obj, key: string, path: string): void {
    if (!(key in o)) return;
    const s = single(o[key]);
    if (!s.ok) this.add(`${path}${key}`, `must be a single IRI, got ${describe(o[key])}`);
    else if (!isIri(s.value)) this.add(`${path}${key}`, `must be an IRI, got ${describe(s.value)}`);
  }

  iris(o: Obj, key: string, path: string): void {
    if (!(key in o)) return;
    const vals = many(o[key]);
    if (vals.length === 0) this.add(`${path}${key}`, 'must not be empty');
    vals.forEach((v, i) => {
      if (!isIri(v)) this.add(`${path}${key}${Array.isArray(o[key]) ? `[${i}]` : ''}`, `must be an IRI, got ${describe(v)}`);
    });
  }

  singleDateTime(o: Obj, key: string, path: string): void {
    if (!(key in o)) return;
    const s = single(o[key]);
    if (!s.ok) this.add(`${path}${key}`, `must be a single date-time, got ${describe(o[key])}`);
    else if (!isDateTime(s.value))
      this.add(`${path}${key}`, `must be an ISO 8601 date-time with time zone (e.g. 2015-01-28T12:00:00Z), got ${describe(s.value)}`);
  }

  singleString(o: Obj, key: string, path: string): void {
    if (!(key in o)) return;
    const s = single(o[key]);
    if (!s.ok || typeof s.value !== 'string')
      this.add(`${path}${key}`, `must be a single string, got ${describe(o[key])}`);
  }

  strings(o: Obj, key: string, path: string): void {
    if (!(key in o)) return;
    const vals = many(o[key]);
    if (vals.length === 0 || vals.some((v) => typeof v !== 'string'))
      this.add(`${path}${key}`, `must be a string or strings, got ${describe(o[key])}`);
  }

  agents(o: Obj, key: string, path: string): void {
    if (!(key in o)) return;
    const vals = many(o[key]);
    if (vals.length === 0) this.add(`${path}${key}`, 'must not be empty');
    vals.forEach((v, i) => {
      const p = `${path}${key}${Array.isArray(o[key]) ? `[${i}]` : ''}`;
      if (typeof v === 'string') {
        // The model wants an IRI; names are common in the wild and harmless here (the W3C suite accepts them).
        if (!v.trim()) this.add(p, 'must not be empty');
      } else if (isObject(v)) {
        this.singleIri(v, 'id', `${p}.`);
        for (const k of ['name', 'nickname', 'email_sha1'] as const) this.strings(v, k, `${p}.`);
        this.iris(v, 'email', `${p}.`);
        this.iris(v, 'homepage', `${p}.`);
      } else {
        this.add(p, `must be an IRI or an agent object, got ${describe(v)}`);
      }
    });
  }

  /** Properties shared by annotations, bodies and targets (model 3.3). */
  common(o: Obj, path: string): void {
    this.singleDateTime(o, 'created', path);
    this.singleDateTime(o, 'modified', path);
    this.singleDateTime(o, 'generated', path);
    this.agents(o, 'creator', path);
    this.agents(o, 'generator', path);
    this.iris(o, 'rights', path);
    this.singleIri(o, 'canonical', path);
    this.iris(o, 'via', path);
  }

  /** A selector or state is an IRI or an object: checks the IRI, or says the object may be read further. */
  private objectOrIri(v: unknown, path: string, depth: number, kind: string): v is Obj {
    if (depth > MAX_DEPTH) this.add(path, 'is nested too deeply');
    else if (typeof v === 'string') {
      if (!isIri(v)) this.add(path, `must be an IRI or a ${kind} object, got ${describe(v)}`);
    } else if (!isObject(v)) this.add(path, `must be an IRI or a ${kind} object, got ${describe(v)}`);
    else return true;
    return false;
  }

  selector(v: unknown, path: string, depth = 0): void {
    if (!this.objectOrIri(v, path, depth, 'selector')) return;
    const types = typesOf(v);
    const p = `${path}.`;
    this.singleIri(v, 'id', p);
    if (types.length === 0 && !('id' in v)) {
      this.add(`${path}.type`, 'a selector needs a type (or an id)');
    }
    const t = types[0];
    if (t !== undefined && !SELECTOR_TYPES.includes(t)) {
      this.add(`${p}type`, `unknown selector type ${describe(t)} (expected one of ${SELECTOR_TYPES.join(', ')})`);
      return;
    }
    switch (t) {
      case 'FragmentSelector':
      case 'CssSelector':
      case 'XPathSelector': {
        if (typeof v.value !== 'string') this.add(`${p}value`, `${t} must have a single string value, got ${describe(v.value)}`);
        if ('conformsTo' in v && !isIri(v.conformsTo)) this.add(`${p}conformsTo`, `must be a single IRI, got ${describe(v.conformsTo)}`);
        break;
      }
      case 'TextQuoteSelector':
        if (typeof v.exact !== 'string') this.add(`${p}exact`, `TextQuoteSelector must have exact as a string, got ${describe(v.exact)}`);
        for (const k of ['prefix', 'suffix']) if (k in v && typeof v[k] !== 'string') this.add(`${p}${k}`, `must be a string, got ${describe(v[k])}`);
        break;
      case 'TextPositionSelector':
      case 'DataPositionSelector':
        for (const k of ['start', 'end']) {
          const n = v[k];
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
            this.add(`${p}${k}`, `${t} must have ${k} as a non-negative integer, got ${describe(n)}`);
        }
        if (typeof v.start === 'number' && typeof v.end === 'number' && v.end < v.start)
          this.add(`${p}end`, 'must not be before start');
        break;
      case 'SvgSelector':
        if (!('value' in v) && !('id' in v)) this.add(`${p}value`, 'SvgSelector must have a value or an id');
        else if ('value' in v && typeof v.value !== 'string') this.add(`${p}value`, `must be a single string, got ${describe(v.value)}`);
        break;
      case 'RangeSelector':
        for (const k of ['startSelector', 'endSelector']) {
          if (!(k in v)) this.add(`${p}${k}`, `RangeSelector must have ${k}`);
          else if (!isObject(v[k]) || typesOf(v[k] as Obj).length === 0) this.add(`${p}${k}`, `must be a selector object with a type`);
          else this.selector(single(v[k]).ok ? (single(v[k]) as { value: unknown }).value : v[k], `${p}${k}`, depth + 1);
        }
        break;
      default:
        break; // a selector given by its id only
    }
    if (Array.isArray(v.refinedBy) && v.refinedBy.length === 0) this.add(`${p}refinedBy`, 'must not be an empty array');
    if ('refinedBy' in v)
      many(v.refinedBy).forEach((r, i) => this.selector(r, `${p}refinedBy${Array.isArray(v.refinedBy) ? `[${i}]` : ''}`, depth + 1));
  }

  state(v: unknown, path: string, depth = 0): void {
    if (!this.objectOrIri(v, path, depth, 'state')) return;
    const p = `${path}.`;
    this.singleIri(v, 'id', p);
    const t = typesOf(v)[0];
    if (t === 'TimeState') {
      if (!('sourceDate' in v) && !('sourceDateStart' in v && 'sourceDateEnd' in v))
        this.add(`${p}sourceDate`, 'TimeState must have sourceDate, or sourceDateStart and sourceDateEnd');
      for (const k of ['sourceDate', 'sourceDateStart', 'sourceDateEnd']) this.singleDateTime(v, k, p);
      this.singleIri(v, 'cached', p);
    } else if (t === 'HttpRequestState') {
      if (typeof v.value !== 'string') this.add(`${p}value`, `HttpRequestState must have a single string value, got ${describe(v.value)}`);
    } else if (t !== undefined) {
      this.add(`${p}type`, `unknown state type ${describe(t)} (expected TimeState or HttpRequestState)`);
    } else if (!('id' in v)) {
      this.add(`${p}type`, 'a state needs a type (or an id)');
    }
    if (Array.isArray(v.refinedBy) && v.refinedBy.length === 0) this.add(`${p}refinedBy`, 'must not be an empty array');
    if ('refinedBy' in v)
      many(v.refinedBy).forEach((r, i) => {
        const rp = `${p}refinedBy${Array.isArray(v.refinedBy) ? `[${i}]` : ''}`;
        if (isObject(r) && typesOf(r).some((x) => x.endsWith('State'))) this.state(r, rp, depth + 1);
        else this.selector(r, rp, depth + 1);
      });
  }

  /** A body or target: an IRI, an External Web Resource, a TextualBody, a SpecificResource or a Choice/set. */
  resource(v: unknown, path: string, role: 'body' | 'target', depth = 0): void {
    if (typeof v === 'string') {
      if (!isIri(v)) this.add(path, `must be an IRI or a resource object, got ${describe(v)}`);
      return;
    }
    if (!isObject(v)) {
      this.add(path, `must be an IRI or a resource object, got ${describe(v)}`);
      return;
    }
    if (depth > MAX_DEPTH) {
      this.add(path, 'is nested too deeply');
      return;
    }
    const p = `${path}.`;
    if ('type' in v && (many(v.type).length === 0 || many(v.type).some((t) => typeof t !== 'string')))
      this.add(`${p}type`, `must be a string or strings, got ${describe(v.type)}`);
    const types = typesOf(v);
    const composite = types.filter((t) => ['Choice', 'Composite', 'List', 'Independents'].includes(t));
    this.singleIri(v, 'id', p);
    this.common(v, p);
    this.singleString(v, 'format', p);
    this.strings(v, 'language', p);
    this.singleString(v, 'processingLanguage', p);
    if ('textDirection' in v) {
      const s = single(v.textDirection);
      if (!s.ok || !['ltr', 'rtl', 'auto'].includes(s.value as string))
        this.add(`${p}textDirection`, `must be one of "ltr", "rtl", "auto", got ${describe(v.textDirection)}`);
    }
    this.strings(v, 'purpose', p);
    for (const pu of many(v.purpose)) {
      if (typeof pu === 'string' && !MOTIVATIONS.includes(pu) && !isIri(pu))
        this.add(`${p}purpose`, `unknown purpose ${describe(pu)} (expected one of ${MOTIVATIONS.join(', ')}, or an IRI)`);
    }
    for (const k of ['selector', 'state']) {
      if (Array.isArray(v[k]) && v[k].length === 0) this.add(`${p}${k}`, 'must not be an empty array');
    }
    this.strings(v, 'accessibility', p);
    this.strings(v, 'styleClass', p);

    if (composite.length > 1) {
      this.add(`${p}type`, `has several of Choice/Composite/List/Independents (${composite.join(', ')}): cannot tell how to read its items`);
      return;
    }
    if (composite.length === 1) {
      if ('purpose' in v) this.add(`${p}purpose`, `a ${composite[0]} cannot have a purpose: give it to its items`);
      for (const k of ['id', 'value', 'source', 'selector', 'state']) {
        if (k in v) this.add(`${p}${k}`, `a ${composite[0]} cannot have ${k === 'id' ? 'an id' : `a ${k}`}: its items do`);
      }
      if (!Array.isArray(v.items) || v.items.length === 0)
        this.add(`${p}items`, `${composite[0]} must have a non-empty items array`);
      else v.items.forEach((it, i) => this.resource(it, `${p}items[${i}]`, role, depth + 1));
      return;
    }
    if ('items' in v) {
      this.add(`${p}items`, 'items are only allowed on a Choice (or Composite/List/Independents): add a type');
      return;
    }
    if ('target' in v) {
      this.add(`${p}target`, `a ${role} cannot have a target of its own (nest annotations by IRI instead)`);
    }
    const textual = types.includes('TextualBody');
    if (role === 'target' && ('value' in v || textual)) {
      this.add(path, 'a target cannot be embedded text (TextualBody or value): targets are resources with an IRI');
      return;
    }
    if ('value' in v || textual) {
      if (!('value' in v)) this.add(`${p}value`, 'a TextualBody must have a value');
      else if (typeof v.value !== 'string') this.add(`${p}value`, `must be a single string, got ${describe(v.value)}`);
      if ('source' in v) this.add(`${p}source`, 'a TextualBody cannot also have a source');
      for (const k of ['selector', 'state']) {
        if (k in v) this.add(`${p}${k}`, `a TextualBody cannot have a ${k}: only a SpecificResource (with a source) can`);
      }
      return;
    }
    if ('source' in v || types.includes('SpecificResource')) {
      if (!('source' in v)) {
        this.add(`${p}source`, 'a SpecificResource must have a source');
      } else {
        const s: { ok: true; value: unknown } | { ok: false } = Array.isArray(v.source) ? { ok: false } : { ok: true, value: v.source };
        if (!s.ok) this.add(`${p}source`, `must be a single IRI or resource (not an array), got ${describe(v.source)}`);
        else if (typeof s.value === 'string') {
          if (!isIri(s.value)) this.add(`${p}source`, `must be an IRI, got ${describe(s.value)}`);
        } else if (isObject(s.value)) {
          if (!isIri(single(s.value.id).ok ? (single(s.value.id) as { value: unknown }).value : undefined))
            this.add(`${p}source.id`, 'the source resource must have an IRI id');
          else this.resource(s.value, `${p}source`, role, depth + 1);
        } else this.add(`${p}source`, `must be an IRI or a resource, got ${describe(s.value)}`);
      }
      if (!['purpose', 'selector', 'state', 'styleClass', 'renderedVia', 'scope'].some((k) => k in v)) {
        this.add(
          path,
          `has a source but no purpose, selector, state, styleClass, renderedVia or scope: use the source IRI itself as the ${role}`,
        );
      }
      if ('selector' in v) many(v.selector).forEach((s, i) => this.selector(s, `${p}selector${Array.isArray(v.selector) ? `[${i}]` : ''}`));
      if ('state' in v) many(v.state).forEach((s, i) => this.state(s, `${p}state${Array.isArray(v.state) ? `[${i}]` : ''}`));
      this.iris(v, 'scope', p);
      if ('styleClass' in v) this.usesStyleClass = true;
      if ('renderedVia' in v)
        many(v.renderedVia).forEach((r, i) => {
          if (!isIri(r) && !isObject(r)) this.add(`${p}renderedVia${Array.isArray(v.renderedVia) ? `[${i}]` : ''}`, `must be an IRI or an object, got ${describe(r)}`);
        });
      return;
    }
    for (const k of ['selector', 'state']) {
      if (k in v) this.add(`${p}${k}`, `only a SpecificResource (with a source) can have a ${k}`);
    }
    if (!('id' in v)) {
      this.add(path, `has no id, value, source or items: cannot tell what this ${role} is`);
    } else if ('purpose' in v) {
      this.add(`${p}purpose`, 'an external resource cannot have a purpose: use a SpecificResource with it as source');
    }
    if ('styleClass' in v) this.usesStyleClass = true;
  }

  usesStyleClass = false;
}

const MAX_DEPTH = 8;

/** Motivations and purposes of the model (3.3.5). */
export const MOTIVATIONS = [
  'assessing',
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
];

export const SELECTOR_TYPES = [
  'FragmentSelector',
  'CssSelector',
  'XPathSelector',
  'TextQuoteSelector',
  'TextPositionSelector',
  'DataPositionSelector',
  'SvgSelector',
  'RangeSelector',
];

export interface ValidateOptions {
  /** Annotations inside a collection or page inherit the container's @context. */
  contextInherited?: boolean;
}

function checkContext(c: Checker, o: Obj, inherited: boolean): void {
  if (!('@context' in o)) {
    if (!inherited) c.add('@context', `is missing: it must be "${ANNO_CONTEXT}"`);
    return;
  }
  const ctx = o['@context'];
  const ok = typeof ctx === 'string' ? ctx === ANNO_CONTEXT : Array.isArray(ctx) && ctx.includes(ANNO_CONTEXT);
  if (!ok) c.add('@context', `must be (or include) "${ANNO_CONTEXT}", got ${describe(ctx)}`);
}

/** Problems of one annotation; empty when it is valid. */
export function validateAnnotation(json: unknown, options: ValidateOptions = {}): Issue[] {
  const c = new Checker();
  if (!isObject(json)) {
    c.add('', `an annotation must be a JSON object, got ${describe(json)}`);
    return c.issues;
  }
  const o = json;
  checkContext(c, o, options.contextInherited ?? false);
  if (!('id' in o)) c.add('id', 'is missing: an annotation must have an IRI id');
  else c.singleIri(o, 'id', '');
  if (!('type' in o)) c.add('type', 'is missing: it must be "Annotation"');
  else if (!typesOf(o).includes('Annotation')) c.add('type', `must be "Annotation", got ${describe(o.type)}`);
  if (!('target' in o)) c.add('target', 'is missing: an annotation must have at least one target');
  else {
    const ts = many(o.target);
    if (ts.length === 0) c.add('target', 'must not be empty');
    ts.forEach((t, i) => c.resource(t, Array.isArray(o.target) ? `target[${i}]` : 'target', 'target'));
  }
  if ('body' in o && 'bodyValue' in o) c.add('bodyValue', 'an annotation cannot have both body and bodyValue');
  if ('bodyValue' in o) {
    const s = single(o.bodyValue);
    if (!s.ok || typeof s.value !== 'string') c.add('bodyValue', `must be a single string, got ${describe(o.bodyValue)}`);
  }
  if ('body' in o) {
    const bs = many(o.body);
    if (Array.isArray(o.body) && bs.length === 0) c.add('body', 'must not be an empty array (leave body out instead)');
    bs.forEach((b, i) => c.resource(b, Array.isArray(o.body) ? `body[${i}]` : 'body', 'body'));
  }
  if ('motivation' in o) c.strings(o, 'motivation', '');
  c.common(o, '');
  if ('stylesheet' in o) {
    const s = single(o.stylesheet);
    if (!s.ok) c.add('stylesheet', `must be a single stylesheet, got ${describe(o.stylesheet)}`);
    else if (isObject(s.value)) {
      const hasId = 'id' in s.value;
      const hasValue = 'value' in s.value;
      if (hasId === hasValue) c.add('stylesheet', 'an embedded stylesheet must have either an id or a value');
      c.singleIri(s.value, 'id', 'stylesheet.');
      c.singleString(s.value, 'value', 'stylesheet.');
    } else if (!isIri(s.value)) c.add('stylesheet', `must be an IRI or a CssStylesheet, got ${describe(s.value)}`);
  }
  if (c.usesStyleClass && !('stylesheet' in o)) {
    c.add('stylesheet', 'is missing: a body or target uses styleClass, so the annotation must have a stylesheet');
  }
  if ('audience' in o) {
    many(o.audience).forEach((a, i) => {
      if (!isIri(a) && !isObject(a)) c.add(`audience${Array.isArray(o.audience) ? `[${i}]` : ''}`, `must be an IRI or an object, got ${describe(a)}`);
    });
  }
  return c.issues;
}

/** Problems of an AnnotationCollection or AnnotationPage wrapper (not of its annotations). */
export function validateContainer(json: Obj, kind: 'AnnotationCollection' | 'AnnotationPage', topLevel: boolean): Issue[] {
  const c = new Checker();
  checkContext(c, json, !topLevel);
  if (topLevel || 'id' in json) {
    if (!('id' in json)) c.add('id', `is missing: an ${kind} must have an IRI id`);
    else c.singleIri(json, 'id', '');
  }
  if ('label' in json) c.strings(json, 'label', '');
  for (const k of ['total', 'startIndex']) {
    if (!(k in json)) continue;
    const s = single(json[k]);
    if (!s.ok || typeof s.value !== 'number' || !Number.isInteger(s.value) || s.value < 0)
      c.add(k, `must be a non-negative integer, got ${describe(json[k])}`);
  }
  for (const k of ['last', 'next', 'prev', 'partOf']) {
    if (k in json && !isObject(json[k])) c.singleIri(json, k, '');
  }
  c.common(json, '');
  if (kind === 'AnnotationPage') {
    if (!Array.isArray(json.items)) c.add('items', `an AnnotationPage must have an items array, got ${describe(json.items)}`);
  } else if ('first' in json) {
    const s = single(json.first);
    if (!s.ok) c.add('first', `must be a single page, got ${describe(json.first)}`);
    else if (typeof s.value === 'string') {
      if (!isIri(s.value)) c.add('first', `must be an IRI or an AnnotationPage, got ${describe(s.value)}`);
    } else if (!isObject(s.value) || !typesOf(s.value).includes('AnnotationPage')) {
      c.add('first', 'must be an IRI or an object of type AnnotationPage');
    }
  }
  return c.issues;
}
