"""Evaluate a toy vision-language model on a small synthetic benchmark and write a JSON report.

Each synthetic "image" is a scene with a colour, a shape and a count. The toy model perceives
the scene through Gaussian noise, then answers questions (VQA accuracy), writes a caption
(BLEU-4, CIDEr) and embeds image and caption for retrieval (Recall@1/5). More ``--noise``, lower
scores. Everything is seeded, so the report is reproducible.

Run: ``python -m vlm.evaluation.pipeline --output report.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F

from vlm.clip.retrieval import recall_at_k
from vlm.evaluation.caption_metrics import corpus_bleu, corpus_cider
from vlm.evaluation.vqa import mean_vqa_accuracy

COLORS = ["red", "green", "blue", "yellow"]
SHAPES = ["circle", "square", "triangle"]
COUNT_WORDS = ["one", "two", "three"]
ATTRIBUTES = COLORS + SHAPES + COUNT_WORDS  # one feature dimension per attribute word


@dataclass(frozen=True)
class Scene:
    """A synthetic image: ``count`` (1..3) shapes of one colour."""

    color: str
    shape: str
    count: int

    def caption(self) -> str:
        """Canonical caption, e.g. "two red circles"."""
        plural = "s" if self.count > 1 else ""
        return f"{COUNT_WORDS[self.count - 1]} {self.color} {self.shape}{plural}"


def make_scenes(num_images: int, generator: torch.Generator) -> list[Scene]:
    """``num_images`` distinct scenes (at most 36 combinations exist)."""
    combos = [(c, s, n) for c in COLORS for s in SHAPES for n in (1, 2, 3)]
    order = torch.randperm(len(combos), generator=generator)[:num_images].tolist()
    return [Scene(*combos[i]) for i in order]


def human_answers(truth: str, generator: torch.Generator) -> list[str]:
    """Ten crowd answers: 4-10 give the truth (in varied spelling), the rest a wrong colour."""
    agreeing = int(torch.randint(4, 11, (1,), generator=generator))
    spellings = [truth, truth.capitalize() + ".", f"the {truth}"]
    answers = [spellings[i % len(spellings)] for i in range(agreeing)]
    return answers + ["orange"] * (10 - agreeing)


def reference_captions(scene: Scene) -> list[str]:
    """Three human-like reference captions of a scene."""
    caption = scene.caption()
    return [f"a photo of {caption}", f"{caption} on a white background", f"there are {caption}"]


def perceive(scene: Scene, noise: float, generator: torch.Generator) -> torch.Tensor:
    """Noisy attribute features (len(ATTRIBUTES),): one-hot colour, shape, count + noise."""
    features = torch.zeros(len(ATTRIBUTES))
    for word in (scene.color, scene.shape, COUNT_WORDS[scene.count - 1]):
        features[ATTRIBUTES.index(word)] = 1.0
    return features + noise * torch.randn(len(ATTRIBUTES), generator=generator)


def decode(features: torch.Tensor) -> Scene:
    """The toy model's reading of the features: argmax within each attribute group."""
    color = COLORS[int(features[:4].argmax())]
    shape = SHAPES[int(features[4:7].argmax())]
    return Scene(color, shape, int(features[7:].argmax()) + 1)


def embed_text(caption: str) -> torch.Tensor:
    """Bag-of-attribute-words embedding of a caption, L2-normalised, (len(ATTRIBUTES),)."""
    words = {w.rstrip("s") for w in caption.split()}
    vector = torch.tensor([float(a in words) for a in ATTRIBUTES])
    return F.normalize(vector, dim=0)


def evaluate(num_images: int = 24, noise: float = 0.5, seed: int = 0) -> dict[str, object]:
    """Run the toy model on the benchmark and return the report (benchmark info + metrics)."""
    generator = torch.Generator().manual_seed(seed)
    scenes = make_scenes(num_images, generator)
    features = torch.stack([perceive(scene, noise, generator) for scene in scenes])
    readings = [decode(f) for f in features]

    predictions: list[str] = []
    answers: list[list[str]] = []
    for scene, reading in zip(scenes, readings, strict=True):
        predictions += [reading.color, str(reading.count)]  # "what colour?", "how many?"
        answers += [
            human_answers(scene.color, generator),
            human_answers(str(scene.count), generator),
        ]

    image_embeds = F.normalize(features, dim=1)
    text_embeds = torch.stack([embed_text(scene.caption()) for scene in scenes])
    similarity = image_embeds @ text_embeds.T  # (images, captions), correct caption on diagonal
    captions = [f"a photo of {reading.caption()}" for reading in readings]
    references = [reference_captions(scene) for scene in scenes]
    metrics = {
        "vqa_accuracy": mean_vqa_accuracy(predictions, answers),
        "bleu4": corpus_bleu(captions, references),
        "cider": corpus_cider(captions, references),
        "recall@1": recall_at_k(similarity, 1),
        "recall@5": recall_at_k(similarity, 5),
    }
    benchmark = {
        "name": "cảnh tổng hợp: màu, hình, số lượng",
        "num_images": num_images,
        "num_questions": len(predictions),
        "noise": noise,
        "seed": seed,
    }
    return {"benchmark": benchmark, "metrics": {k: round(v, 4) for k, v in metrics.items()}}


def write_json(report: dict[str, object], path: Path) -> None:
    """Write ``report`` as UTF-8 JSON (sorted keys, no ASCII escaping) atomically."""
    text = json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point: evaluate, print the report and optionally save it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=None, help="where to write the JSON report")
    parser.add_argument("--num-images", type=int, default=24, choices=range(1, 37), metavar="1..36")
    parser.add_argument("--noise", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    report = evaluate(args.num_images, args.noise, args.seed)
    print(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True))
    if args.output is not None:
        write_json(report, args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
