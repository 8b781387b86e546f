/**
 * Peers' test vectors (data taken from their public test files, named in each JSON's
 * "source"): every vector either agrees with us or says why we decide otherwise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIdNumber } from '../shared/idNumber.js';
import { parsePhone } from '../shared/phone.js';

interface Vector {
  kind: 'id' | 'phone';
  input: string;
  call?: string;
  /** The peer's verdict; for phones about peerKind (isMobilePhone: a mobile or not). */
  peer: 'valid' | 'invalid';
  peerKind?: 'mobile' | 'landline';
  /** Ours: 'ok' or the finding code for IDs; 'mobile:…', 'landline:…' or 'invalid' for phones. */
  ours: string;
  reason?: string;
}
interface VectorFile { source: { project: string; file: string; commit: string; url: string }; today: string; vectors: Vector[] }

const DIR = join(import.meta.dirname, 'vectors');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

function ours(v: Vector, today: string): string {
  if (v.kind === 'id') {
    const r = checkIdNumber(v.input, today);
    return r.ok ? 'ok' : r.code;
  }
  const p = parsePhone(v.input);
  return p ? `${p.kind}:${p.value}` : 'invalid';
}

const weAccept = (v: Vector) => (v.kind === 'id' ? v.ours === 'ok' : v.ours.startsWith(`${v.peerKind}:`));

it('the vectors of all five peers are here', () => {
  expect(files.map((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as VectorFile).source.project).sort()).toEqual([
    'any86/any-rule', 'arthurdejong/python-stdnum', 'dromara/hutool', 'jxlwqq/id-validator', 'validatorjs/validator.js',
  ]);
});

describe.each(files)('%s', (file) => {
  const data = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as VectorFile;

  it('names the project, file and commit it was taken from', () => {
    expect(data.source.url).toBe(`https://github.com/${data.source.project}/blob/${data.source.commit}/${data.source.file}`);
    expect(data.vectors.length).toBeGreaterThan(0);
  });

  it.each(data.vectors.map((v, i) => [i, v.kind, v.input, v] as const))('#%i %s %s', (_i, _kind, _input, v) => {
    expect(ours(v, data.today)).toBe(v.ours);
    // A disagreement is a decision, so it carries its reason; an agreement carries none.
    const agrees = (v.peer === 'valid') === weAccept(v);
    if (agrees) expect(v.reason).toBeUndefined();
    else expect(v.reason, `we disagree with ${data.source.project} on ${v.input}: say why`).toMatch(/\S{10,}/);
  });
});
