/**
 * projection.bin: the map from a teacher's vectors into its student's output space (see
 * `TeacherProjection`), written beside a student built with `--target query`, so that passages
 * embedded by the teacher can be searched with questions encoded by the student. Layout,
 * little-endian: u32 teacherDims T, u32 dims D, f32[T] mean, f32[D×T] axes (row-major).
 */
import { dot } from '../core/vector/index.js';
import type { TeacherProjection } from './distill.js';

export function encodeProjection({ mean, axes }: TeacherProjection): Uint8Array {
  const teacherDims = mean.length;
  const floats = new Float32Array(teacherDims + axes.length * teacherDims);
  floats.set(mean, 0);
  axes.forEach((axis, k) => floats.set(axis, teacherDims + k * teacherDims));
  const out = new Uint8Array(8 + floats.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, teacherDims, true);
  view.setUint32(4, axes.length, true);
  floats.forEach((x, i) => view.setFloat32(8 + i * 4, x, true));
  return out;
}

/** The teacher vector `v` in the student's space, unit length. */
export type Projector = (v: Float32Array) => Float32Array;

export function decodeProjection(bytes: Uint8Array): Projector {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const teacherDims = view.getUint32(0, true);
  const dims = view.getUint32(4, true);
  const floats = Float32Array.from({ length: teacherDims * (dims + 1) }, (_, i) => view.getFloat32(8 + i * 4, true));
  return (v) => {
    const centred = Float32Array.from(v, (x, d) => x - floats[d]);
    const out = Float32Array.from({ length: dims }, (_, k) => dot(floats, teacherDims * (k + 1), centred, 0, teacherDims));
    const norm = Math.hypot(...out) || 1;
    return out.map((x) => x / norm);
  };
}
