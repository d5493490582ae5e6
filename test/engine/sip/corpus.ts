// Where the shared corpus lives: beside the repository (CI clones the repo next to shared/).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedDir = resolve(repoRoot, '../shared');
export const rfc4475Dir = resolve(sharedDir, 'corpus/rfc4475');
export const registerDir = resolve(sharedDir, 'corpus/register');

export interface TortureCase {
  file: string;
  name: string;
  section: string;
  title: string;
  kind: 'request' | 'response';
  valid: boolean;
  parser: 'accept' | 'reject' | 'reject-or-accept';
  checks?: Record<string, unknown>;
}

export function tortureCases(): TortureCase[] {
  return (JSON.parse(readFileSync(resolve(rfc4475Dir, 'index.json'), 'utf8')) as { tests: TortureCase[] }).tests;
}

export function tortureBytes(file: string): Buffer {
  return readFileSync(resolve(rfc4475Dir, file));
}
