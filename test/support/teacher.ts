/**
 * A stand-in teacher for tests that must not need PyPI: the shipped static model packaged for
 * transformers.js (model/package.ts), plus the teacher.json that `npm run fetch:teacher` would write.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR, loadModelManifest } from '../../src/indexing/model/load.js';
import { writeTransformersPackage } from '../../src/distill/package.js';
import type { TeacherManifest } from '../../src/indexing/model/teacher-manifest.js';

export function standInTeacher(dir: string): string {
  const model = loadModelManifest(DEFAULT_MODEL_DIR);
  writeTransformersPackage(DEFAULT_MODEL_DIR, dir);
  // Real encoders ship onnx/model.onnx (float32); the package has the quantized file name.
  copyFileSync(join(dir, 'onnx', 'model_quantized.onnx'), join(dir, 'onnx', 'model.onnx'));
  const manifest: TeacherManifest = {
    name: 'stand-in',
    hub_id: `local/${model.id}`,
    package: 'none',
    version: '0',
    wheel_sha256: '',
    licence: { package: 'none', weights: 'none' },
    pooling: 'mean',
    normalize: true,
    prefixes: { query: '', passage: '' },
    dims: model.dims,
    max_length: model.max_length,
    published_scifact_ndcg10: 0,
    hash: createHash('sha256').update(readFileSync(join(dir, 'onnx', 'model.onnx'))).digest('hex'),
    converter: { script: '', requirements: '' },
  };
  writeFileSync(join(dir, 'teacher.json'), JSON.stringify(manifest));
  return dir;
}
