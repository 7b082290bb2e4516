/**
 * The manifest `npm run fetch:teacher` writes beside a converted teacher (teacher.json). The model
 * toolchain (src/distill) writes it; the indexer reads it when such a folder is given as `--model`.
 */
export interface TeacherManifest {
  name: string;
  hub_id: string;
  package: string;
  version: string;
  wheel_sha256: string;
  licence: { package: string; weights: string };
  pooling: 'mean' | 'cls';
  normalize: true;
  prefixes: { query: string; passage: string };
  dims: number;
  max_length: number;
  published_scifact_ndcg10: number;
  /** sha256 of onnx/model.onnx and tokenizer.json: the teacher's identity in the student's manifest. */
  hash: string;
  converter: { script: string; requirements: string };
}
