"""`schema`: write the files generated from the code alone (JSON Schemas, docs/diagnostics*.md,
README's front-matter table), or check that they are current."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pipeline.commands.console import emit
from pipeline.commands.language import choose
from pipeline.commands.printers import PRINTERS
from pipeline.core.codes import diag
from pipeline.core.diagnostics import EXIT_OK, Report, exit_code
from pipeline.core.i18n import msg
from pipeline.core.writer import current_bytes, stale_outputs, write_outputs


def _references(root: Path, use_cache: bool) -> dict[str, str]:
    """Every file generated from the code: JSON Schemas, diagnostics doc, README table.

    They depend on nothing but the pipeline's own code, so the loader's memo keeps them
    under the code's fingerprint: a commit that does not touch the code needs no Pydantic.
    """
    from pipeline.load.cache import memo_of_code
    from pipeline.render.docs import README_TABLE, splice_readme

    texts = memo_of_code(root, "references", _render_references, use_cache=use_cache)
    outputs = {k: v for k, v in texts.items() if k != README_TABLE}
    readme = current_bytes(root / "README.md")
    if readme is not None:
        outputs["README.md"] = splice_readme(readme.decode("utf-8"), texts[README_TABLE])
    return outputs


def _render_references() -> dict[str, str]:
    from pipeline.render.docs import (
        DOC_PATHS,
        README_TABLE,
        render_diagnostics_doc,
        render_front_matter_table,
    )
    from pipeline.render.jsonschema import render_schemas

    texts = render_schemas()
    for language, path in DOC_PATHS.items():
        texts[path] = render_diagnostics_doc(language)
    texts[README_TABLE] = render_front_matter_table()
    return texts


def schema(*, root: Path, check: bool, use_cache: bool = False, lang: str | None = None) -> int:
    """Write the exported JSON Schemas and generated docs, or check that they are current
    (in `lang`, else the locale's language: the series are not read)."""
    outputs = _references(root, use_cache)
    chosen = choose(lang, os.environ)
    if check:
        stale = [
            diag(
                "GEN001",
                rel,
                1,
                1,
                msg("{path} is out of date", path=rel),
                SCHEMA_HINT,
            )
            for rel in stale_outputs(root, outputs)
        ]
        report = Report.of(stale, len(outputs))
        if stale:
            emit(PRINTERS["text"](report, chosen))
        return exit_code(report)
    for rel in write_outputs(root, outputs):
        print(f"schema: {rel} written", file=sys.stderr)
    return EXIT_OK


SCHEMA_HINT = msg("run `make schema` and commit the result")
