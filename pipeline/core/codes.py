"""The registry of diagnostic codes: the single source of `docs/diagnostics.md`."""

from __future__ import annotations

from typing import NamedTuple

from pipeline.core.diagnostics import Diagnostic, Severity

E = Severity.ERROR
W = Severity.WARNING

# The stages that emit diagnostics; a check's stage is its name in `pipeline/checks/__init__.py`.
LOAD = "load"  # reading, parsing and validating each file (pipeline/load/)
BUILD = "build"  # generated outputs and regions (pipeline/render/), run by validate and build
REVIEW = "review"  # `validate --changed-since`: a change against a git ref


class Rule(NamedTuple):
    """A diagnostic code with its severity, its documentation, the stages that emit it and
    its build policy (`fixed_by_build`: an error that `build` repairs instead of stopping)."""

    code: str
    severity: Severity
    summary: str
    why: str
    example: str
    fix: str
    stages: tuple[str, ...]
    fixed_by_build: bool = False


_RULES = (
    Rule(
        "ENC001",
        E,
        "File is not valid UTF-8",
        "The website and every tool in the pipeline read articles as UTF-8.",
        "A file saved as Windows-1258 or UTF-16 by an editor.",
        "Re-save the file as UTF-8 (without BOM is best; a BOM is accepted).",
        stages=(LOAD,),
    ),
    Rule(
        "ENC002",
        E,
        "File is larger than the configured limit",
        "Huge files slow every commit and are almost always a mistake (pasted data, base64 images).",
        "A 5 MB Markdown file with an embedded image.",
        "Split the article or move data into files of its own; the limit is `limits.maxFileBytes` in series.yaml.",
        stages=(LOAD,),
    ),
    Rule(
        "ENC003",
        E,
        "File or folder cannot be read",
        "A file the pipeline cannot read cannot be checked or published.",
        "An article without read permission, or a broken symbolic link.",
        "Fix the permissions or the link; the rest of the run goes on.",
        stages=(LOAD,),
    ),
    Rule(
        "ENC004",
        E,
        "File contains NUL bytes",
        "NUL bytes mean a binary or UTF-16 file was saved with a .md or .yaml name.",
        "A UTF-16 file: every other byte is 0.",
        "Re-save the file as UTF-8 text.",
        stages=(LOAD,),
    ),
    Rule(
        "ENC005",
        E,
        "File name is not valid UTF-8",
        "Paths are printed, written to JSON and passed to git as UTF-8; a name holding other "
        "bytes cannot be, so the file is skipped.",
        "`03-b\\xe0i.md` saved by a tool that wrote the name in Windows-1258.",
        "Rename the file with UTF-8 characters; article names are ASCII kebab-case.",
        stages=(LOAD,),
    ),
    Rule(
        "YML001",
        E,
        "YAML syntax error",
        "The front matter or series config cannot be parsed, so nothing in it can be checked.",
        '`title: "Unclosed` or a tab used for indentation.',
        "Fix the YAML at the reported line and column.",
        stages=(LOAD,),
    ),
    Rule(
        "YML002",
        E,
        "YAML document is not a mapping",
        "Front matter and series config must be `key: value` mappings.",
        "Front matter that is a list (`- title: x`) or a bare string.",
        "Write one `key: value` per line.",
        stages=(LOAD,),
    ),
    Rule(
        "YML003",
        E,
        "Duplicate key in a YAML mapping",
        "YAML parsers silently keep the last value, so one of the two is lost.",
        "`title:` written twice in the same front matter.",
        "Keep one of the two keys.",
        stages=(LOAD,),
    ),
    Rule(
        "YML004",
        E,
        "Ambiguous YAML 1.1 value",
        "YAML 1.1 reads `yes`, `no`, `on`, `off` as booleans and `12:30` as a number (750).",
        "`featured: yes` or `time: 12:30`.",
        'Write `true`/`false` for booleans and quote strings: `"12:30"`.',
        stages=(LOAD,),
    ),
    Rule(
        "YML005",
        E,
        "YAML tag not allowed",
        "Tags such as `!!python/object` could construct objects; the pipeline never does.",
        '`title: !!python/object/apply:os.system ["ls"]`.',
        "Remove the tag and write a plain value.",
        stages=(LOAD,),
    ),
    Rule(
        "YML006",
        E,
        "YAML anchor or alias not allowed",
        "Aliases make front matter hard to read and can expand exponentially (a YAML bomb).",
        "`tags: &t [a, b]` then `other: *t`.",
        "Write the value out in full.",
        stages=(LOAD,),
    ),
    Rule(
        "YML007",
        E,
        "YAML nested too deeply",
        "Front matter is flat; deep nesting is a mistake or an attack on the parser.",
        "A value nested in more than 20 lists or mappings.",
        "Flatten the value.",
        stages=(LOAD,),
    ),
    Rule(
        "YML008",
        E,
        "Number with too many digits",
        "Python refuses to convert integers of more than 4,300 digits, and no reader of the "
        "series needs one; such a value is a paste accident.",
        "`readingTime: 99999…` with thousands of digits.",
        "Write a number of reasonable size, or quote the value if it is text.",
        stages=(LOAD,),
    ),
    Rule(
        "FM001",
        E,
        "Front matter missing",
        "Every article starts with a `---` YAML block describing it.",
        "An article whose first line is `# Title`.",
        "Add a front matter block (`python -m pipeline new` scaffolds one).",
        stages=(LOAD,),
    ),
    Rule(
        "FM002",
        E,
        "Front matter not closed",
        "Without the closing `---` the whole article would be read as YAML.",
        "A front matter block that never ends with a `---` line.",
        "Add a line containing only `---` after the last key.",
        stages=(LOAD,),
    ),
    Rule(
        "FM003",
        E,
        "Unknown front-matter key",
        "Unknown keys are usually typos of known ones and would be silently ignored by the website.",
        "`readingtime: 12` instead of `readingTime: 12`.",
        "Use the key from the hint, or remove the key.",
        stages=(LOAD,),
    ),
    Rule(
        "FM004",
        E,
        "Required front-matter key missing",
        "The website and the metadata need every required key.",
        "An article without `excerpt`.",
        "Add the key (see the front matter reference in the README).",
        stages=(LOAD,),
    ),
    Rule(
        "FM005",
        E,
        "Invalid front-matter value",
        "Values are checked strictly: no numbers as strings, no impossible dates.",
        '`date: "2025-02-30"` or `readingTime: "12"`.',
        "Write a value of the type and format the message names.",
        stages=(LOAD,),
    ),
    Rule(
        "FM006",
        W,
        "Declared reading time far from the text",
        "Readers plan by `readingTime`; it is estimated from the text (200 Vietnamese syllables, "
        "15 code lines a minute, 20 s a displayed formula).",
        "`readingTime: 5` on a 3,000-word article.",
        "Set `readingTime` to the estimate given in the hint.",
        stages=("reading",),
    ),
    Rule(
        "FM007",
        E,
        "Unquoted date",
        "YAML readers load an unquoted `2025-02-10` as a date, not as text: the JavaScript "
        "readers of websites turn it into a Date object, whose text form differs by reader.",
        '`date: 2025-02-10` instead of `date: "2025-02-10"`.',
        'Put the date in double quotes: `date: "2025-02-10"`.',
        stages=(LOAD,),
    ),
    Rule(
        "SER001",
        E,
        "Invalid series config",
        "`series.yaml` defines the eras, the expected article count and the output paths.",
        "A phase without `years`, or an unknown key.",
        "Fix the field named in the message (see `schema/series.schema.json`).",
        stages=(
            LOAD,
            "series",
        ),
    ),
    Rule(
        "SER002",
        E,
        "Two articles have the same order",
        "Each article has its own place in the series.",
        "Two files with `order: 6`.",
        "Give each article a unique `order` and rename the file to match.",
        stages=("series",),
    ),
    Rule(
        "SER003",
        E,
        "Gap in article numbering",
        "The numbered articles must run 1, 2, ..., N without holes.",
        "Articles 1-5 and 7 but no 6.",
        "Renumber the articles after the gap (`order` and file name).",
        stages=("series",),
    ),
    Rule(
        "SER004",
        E,
        "File name does not match order",
        "The `NN-` prefix of the file name is the article's number on disk.",
        "`06-clip-deep-dive.md` with `order: 7`.",
        "Rename the file or fix `order`.",
        stages=("series",),
    ),
    Rule(
        "SER005",
        E,
        "File name or slug is not ASCII kebab-case",
        "Slugs become URLs and prerequisite ids; they must be `NN-lowercase-words.md`.",
        "`06-CLIP Deep Dive.md` or `06-clip_deep_dive.md`.",
        "Rename the file to `NN-words-separated-by-hyphens.md` (ASCII, lowercase).",
        stages=("series",),
    ),
    Rule(
        "SER006",
        E,
        "Phase missing or unknown",
        "Each numbered article belongs to one era defined in series.yaml.",
        "`phase: contrastive` when the era is called `contrastive-revolution`.",
        "Use one of the phase ids of series.yaml.",
        stages=("series",),
    ),
    Rule(
        "SER007",
        E,
        "Article count differs from series.yaml",
        "series.yaml states how many numbered articles the series has.",
        "`articleCount: 14` with 13 numbered articles on disk.",
        "Add the missing article or update `articleCount`.",
        stages=("series",),
    ),
    Rule(
        "SER008",
        E,
        "Article belongs to another series",
        "`series` in the front matter must name the folder's series.",
        "`series: llm` in a file under content/vlm/.",
        "Set `series` to the id in series.yaml.",
        stages=("series",),
    ),
    Rule(
        "SER009",
        E,
        "Learning tiers do not cover each article exactly once",
        "The tiers of series.yaml group every numbered article into exactly one tier.",
        "An article in no tier, in two tiers, or a tier naming an unknown slug.",
        "Put each numbered article's slug in exactly one tier.",
        stages=("series",),
    ),
    Rule(
        "SER010",
        E,
        "Roadmap missing or misplaced",
        "The roadmap (order 0) is the series index page named by `roadmap` in series.yaml.",
        "`roadmap: content/vlm/00-roadmap.md` but no such file, or a numbered article with order 0.",
        "Create the roadmap with `order: 0`, or fix the path in series.yaml.",
        stages=("series",),
    ),
    Rule(
        "SER011",
        E,
        "Articles without a series.yaml",
        "Markdown files under content/<id>/ belong to a series only when it has a series.yaml.",
        "content/llm/01-intro.md but no content/llm/series.yaml.",
        "Add content/<id>/series.yaml or move the files.",
        stages=("series",),
    ),
    Rule(
        "GR001",
        E,
        "Unknown prerequisite",
        "A prerequisite must be the slug of an article of the same series.",
        "`prerequisites: [clip]` when the slug is `clip-deep-dive`.",
        "Use the slug from the hint (file name without `NN-` and `.md`).",
        stages=("graph",),
    ),
    Rule(
        "GR002",
        E,
        "Article lists itself as prerequisite",
        "An article cannot be read before itself.",
        "`prerequisites: [clip-deep-dive]` in 06-clip-deep-dive.md.",
        "Remove the slug.",
        stages=("graph",),
    ),
    Rule(
        "GR003",
        E,
        "Prerequisite cycle",
        "A cycle leaves no valid reading order. Each prerequisite that closes a cycle is "
        "reported once (up to 20 per series), on the article that lists it, with the "
        "shortest cycle through it, so several cycles among the same articles show at once.",
        "a requires b, b requires c, c requires a.",
        "Remove one prerequisite of each printed cycle.",
        stages=("graph",),
    ),
    Rule(
        "GR004",
        E,
        "Prerequisite ordered after its dependent",
        "Readers follow the numbering; a prerequisite must come earlier in the series.",
        "Article 5 requiring article 9.",
        "Reorder the articles or drop the prerequisite.",
        stages=("graph",),
    ),
    Rule(
        "GR005",
        W,
        "Redundant prerequisite",
        "A prerequisite already implied by another one adds noise to the graph.",
        "6 requires 4 and 5, but 5 already requires 4.",
        "Remove the implied prerequisite named in the message.",
        stages=("graph",),
    ),
    Rule(
        "GR006",
        E,
        "Prerequisite listed twice",
        "Each prerequisite is listed once.",
        "`prerequisites: [a, a]`.",
        "Remove the duplicate.",
        stages=("graph",),
    ),
    Rule(
        "LNK001",
        E,
        "Link target not found",
        "A relative link must point at an existing file or folder of the repository.",
        "`[CLIP](06-clip.md)` when the file is `06-clip-deep-dive.md`.",
        "Fix the path (the hint suggests the closest existing file).",
        stages=("links",),
    ),
    Rule(
        "LNK002",
        E,
        "Heading anchor not found",
        "A `#fragment` must match a heading id of the target, as GitHub generates them: "
        "lowercase, spaces to hyphens, punctuation, symbols and other numbers such as "
        "`₀` or `²` dropped.",
        "`#infonce` when the heading is `## 2. InfoNCE` (id `2-infonce`); "
        "`## LoRA: W = W₀ + BA` has the id `lora-w--w--ba`.",
        "Use the anchor from the hint, or add an explicit `{#id}` to the heading.",
        stages=("links",),
    ),
    Rule(
        "LNK003",
        E,
        "Link leaves the repository or is absolute",
        "Links are resolved relative to the file and must stay inside the repository.",
        "`[x](../../../etc/passwd)` or `[x](/docs/a.md)`.",
        "Write a relative path to a file inside the repository.",
        stages=("links",),
    ),
    Rule(
        "LNK004",
        E,
        "Unsafe or unsupported link scheme",
        "`javascript:`, `vbscript:`, `data:` and `file:` links can run code or leak local files.",
        "`[click](javascript:alert(1))`.",
        "Link to an http(s) URL or a relative path.",
        stages=("links",),
    ),
    Rule(
        "LNK005",
        E,
        "Image not found",
        "Images must exist in the repository (external images are not allowed to break silently).",
        "`![diagram](img/clip.png)` with no such file.",
        "Add the image or fix the path.",
        stages=("links",),
    ),
    Rule(
        "LNK006",
        E,
        "Link differs in letter case from the file",
        "The website's host is case-sensitive: the link works on macOS and Windows but breaks online.",
        "`[x](06-CLIP-deep-dive.md)` for `06-clip-deep-dive.md`.",
        "Write the path with the exact letter case of the file.",
        stages=("links",),
    ),
    Rule(
        "LNK007",
        E,
        "Undefined reference link",
        "A reference-style link whose label has no definition renders as plain brackets.",
        "`[CLIP][clip]` without a `[clip]: ...` line.",
        "Add the definition `[label]: path` or write an inline link.",
        stages=("links",),
    ),
    Rule(
        "LNK008",
        E,
        "Link target ignored by git",
        "A file that git ignores exists on the author's machine but not in a clone or on the website. "
        "Reported from tracked articles only: an article git ignores itself (a local draft, "
        "a series in an ignored folder) is not in a clone either.",
        "`![](build/figure.png)` where build/ is in .gitignore.",
        "Commit the file (adjust .gitignore) or link to a tracked file.",
        stages=("links",),
    ),
    Rule(
        "CODE001",
        E,
        "Code or notebook path not found",
        "Articles promise runnable companion code; the referenced file must exist.",
        '`code: ["code/vlm/clip/modle.py"]`.',
        "Fix the path (see the hint) or remove the entry.",
        stages=("code",),
    ),
    Rule(
        "CODE002",
        E,
        "Code or notebook path outside its folder",
        "`code` entries live under code/, `notebooks` entries are .ipynb files under notebooks/.",
        '`code: ["pipeline/cli.py"]` or `notebooks: ["code/x.py"]`.',
        "Move the file or fix the field the path is listed in.",
        stages=("code",),
    ),
    Rule(
        "CODE003",
        E,
        "Symbol not defined in the code file",
        "`path.py::Symbol` must name a top-level class, function or assignment (or `Class.member`).",
        "`code/vlm/clip/model.py::ClipModel` when the class is `CLIPModel`.",
        "Use the name from the hint.",
        stages=("code",),
    ),
    Rule(
        "CODE004",
        E,
        "Invalid notebook",
        "Notebooks must be valid nbformat 4 JSON so readers can open them.",
        "A truncated .ipynb file, or one without `cells`.",
        "Re-save the notebook from Jupyter.",
        stages=("code",),
    ),
    Rule(
        "CODE005",
        E,
        "Code file cannot be parsed",
        "A symbol can only be checked in a file that parses as Python.",
        "A syntax error in the referenced .py file.",
        "Fix the syntax error at the reported line.",
        stages=("code",),
    ),
    Rule(
        "CODE006",
        E,
        "Code or notebook path ignored by git",
        "Readers clone the repository; a git-ignored file is not in their copy. Reported from "
        "tracked articles only, as for LNK008.",
        '`code: ["code/vlm/__pycache__/model.cpython-311.pyc"]`.',
        "Commit the file (adjust .gitignore) or reference a tracked file.",
        stages=("code",),
    ),
    Rule(
        "CODE010",
        E,
        "Code excerpt differs from the companion code it cites",
        "A reader who copies an excerpt expects code that exists in the repository. A fenced "
        "`python` block (or `py`, `python3`) in a section (a `##` heading up to the next `#` "
        "or `##`) that links to a `.py` file under code/ is an excerpt: each of its lines must "
        "be a line of the files the section links to or of the `.py` files in the front "
        "matter's `code`. Lines are compared without their indentation and in any order; blank "
        "lines, comments and lines starting with `...` or `…` are skipped. A cited file that is "
        "missing or unreadable has its own diagnostic, and its excerpts are not compared.",
        "`loss = F.cross_entropy(logits, labels)` under a link to `code/vlm/clip/loss.py` after "
        "the code was changed to `loss = F.cross_entropy(logits / tau, labels)`.",
        "Copy the current lines of the code into the excerpt (or change the code back). A "
        "sketch that is not an excerpt belongs in a section that links no companion code, or "
        "in a block of another language (`text`).",
        stages=("code",),
    ),
    Rule(
        "CHG001",
        W,
        "Article changed without an update note",
        "Readers and the changelog learn about changes from `updates` and `updated`; "
        "checked by `validate --changed-since REF` on pull requests.",
        "A paragraph rewritten in 06-clip-deep-dive.md with the front matter untouched.",
        "Add an `updates` entry (date and one-line summary) and set `updated`.",
        stages=(REVIEW,),
    ),
    Rule(
        "REF001",
        E,
        "Prose reference to a missing article",
        '"bài N" must name an article of the series.',
        '"xem bài 15" in a 14-article series.',
        "Fix the number.",
        stages=("prose",),
    ),
    Rule(
        "REF002",
        E,
        "Prose reference names the wrong article",
        'In "bài N (Word)", Word must occur in the title of article N.',
        '"bài 8 (LLaVA)" when LLaVA is article 9.',
        "Use the number from the hint, or fix the word.",
        stages=("prose",),
    ),
    Rule(
        "ORT001",
        W,
        "Tone mark placed as the other convention does",
        "In syllables ending in oa, oe or uy (no final consonant) Vietnamese puts the tone "
        "mark on the first vowel (old: hóa, khỏe, thủy) or on the second (new: hoá, khoẻ, "
        "thuỷ). Both are correct; a series reads best with one, declared as "
        "`orthography.tonePlacement` in series.yaml. Only prose is checked, not code, math, "
        "URLs or link targets. A warning: `validate --strict` fails on it.",
        "“hoá” in a series declaring `tonePlacement: old`.",
        "Write the word from the hint (only the tone mark moves).",
        stages=("orthography",),
    ),
    Rule(
        "ORT002",
        W,
        "Term spelled or rendered otherwise than the glossary says",
        "`orthography.glossary` in series.yaml lists preferred spellings (tỉ, not tỷ) and the "
        "chosen rendering of technical terms; the same thing written two ways makes readers "
        "wonder whether it is two things. Matched as whole words, any letter case. "
        "A warning: `validate --strict` fails on it.",
        "“tỷ lệ” when the glossary has `{use: tỉ, avoid: [tỷ]}`.",
        "Write the form from the hint, or change the glossary.",
        stages=("orthography",),
    ),
    Rule(
        "ORT003",
        E,
        "Glossary contradicts itself or the tone placement",
        "A preferred form that the tone rule would report, a form both avoided and preferred, "
        "or a form avoided in two entries gives authors hints that undo each other.",
        "`{use: hoá, avoid: [hóa]}` with `tonePlacement: old`, or `tỷ` avoided in two entries.",
        "Make each avoided form appear once, never as a preferred form, and write the "
        "preferred forms in the declared tone placement.",
        stages=("orthography",),
    ),
    Rule(
        "GEN001",
        E,
        "Generated output is stale",
        "metadata.json and the changelog must match the articles they are built from.",
        "An article edited without running the build.",
        "Run `make build-metadata` and commit the changed files.",
        stages=(BUILD,),
    ),
    Rule(
        "GEN002",
        E,
        "Generated block markers damaged",
        "Text between the BEGIN/END GENERATED markers is rebuilt; without both markers the "
        "build cannot tell generated from hand-written text.",
        "The END marker line deleted from docs/changelog.md.",
        "Restore the missing marker line, or delete both so the block is appended anew.",
        stages=(
            LOAD,
            BUILD,
        ),
    ),
    Rule(
        "GEN003",
        E,
        "Generated region out of date",
        "Regions between BEGIN/END GENERATED markers in articles (the roadmap's timeline and "
        "graph, each reading box) are rebuilt from the front matter.",
        "A prerequisite added to an article whose reading box still shows the old list.",
        "Run `make build-metadata`; it rewrites only the text between the markers.",
        stages=(BUILD,),
        fixed_by_build=True,
    ),
    Rule(
        "FIG001",
        E,
        "Image without alt text",
        "Screen readers, search engines and readers whose images fail to load get only the "
        "alt text.",
        "`![](images/06-similarity-matrix.svg)`.",
        "Say in one sentence what the image shows, between `![` and `]`.",
        stages=("figures",),
    ),
    Rule(
        "FIG002",
        E,
        "Alt text is not a sentence",
        "A file name or a two-word label does not say what a figure shows. Alt text counts as "
        "a sentence with at least 4 words and a final `.`, `!`, `?` or `…`.",
        "`![ma trận](images/06-similarity-matrix.svg)`.",
        "Write a full sentence: `![Ma trận tương đồng 8×8 giữa ảnh và caption, đường chéo sáng nhất.](…)`.",
        stages=("figures",),
    ),
    Rule(
        "FIG003",
        W,
        "Image file not used by any article",
        "Files under `content/<series>/images/` are published with the series; one that no "
        "article shows is a leftover (a renamed figure, a removed section).",
        "`content/vlm/images/06-old-plot.svg` after the article switched to a new figure.",
        "Show it in an article, or delete it (and its code, for a generated figure).",
        stages=("figures",),
    ),
    Rule(
        "FIG004",
        E,
        "Generated figure differs from its recorded output",
        "Figures are made by code (`make figures`); `content/<series>/images/figures.json` "
        "records the SHA-256 of each, so a hand edit would be lost on the next run.",
        "An SVG touched up in an editor after `make figures`.",
        "Change the code that makes the figure, then run `make figures` and commit.",
        stages=("figures",),
    ),
    Rule(
        "FIG005",
        E,
        "Figure code changed since the figure was made",
        "figures.json records the SHA-256 of the code that made each figure; when it differs, "
        "the committed figure may no longer be what the code draws.",
        "A label changed in `code/vlm/figures/a06_clip.py` without running `make figures`.",
        "Run `make figures` and commit the figures and figures.json.",
        stages=("figures",),
    ),
    Rule(
        "FIG006",
        E,
        "Figure manifest invalid or lists a missing figure",
        "Without a readable manifest that matches the folder, stale figures cannot be found.",
        "figures.json edited by hand into invalid JSON, or a figure deleted but still listed.",
        "Run `make figures` to rewrite figures.json; delete the code of a figure you removed.",
        stages=("figures",),
    ),
    Rule(
        "SER012",
        E,
        "Output path outside the repository",
        "`build` writes only inside the repository.",
        "`outputs: {metadata: ../site/metadata.json}`.",
        "Use a path relative to the repository root, without `..`.",
        stages=("outputs",),
    ),
    Rule(
        "SER013",
        E,
        "Two articles share a slug",
        "The slug (the file name without `NN-` and `.md`) names an article in prerequisites, "
        "tiers and on the website; two files with one slug would be mixed up.",
        "`02-multimodal-fundamentals.md` copied to `15-multimodal-fundamentals.md`.",
        "Rename one of the files; the message names the file that has the slug first.",
        stages=("series",),
    ),
    Rule(
        "SER016",
        E,
        "Output path is not a file build may write",
        "`build` replaces its outputs whole (the changelog keeps the text outside its block): "
        "pointed at a folder, an article, a config, code, a notebook or an image, it would "
        "destroy a source. Paths are judged once symbolic links are resolved.",
        "`outputs: {metadata: notebooks/vlm/01.ipynb}` or `outputs: {changelog: content/vlm/01-x.md}`.",
        "Name a new or generated file of the right kind outside content/: a .json file for "
        "`metadata`, a .md file for `changelog` and `graph`.",
        stages=("outputs",),
    ),
    Rule(
        "FM011",
        E,
        "Published article still has a placeholder title or excerpt",
        "`new` writes a draft whose excerpt (and each section) starts with TODO; the excerpt is "
        "shown on the website's lists as soon as the article is published.",
        '`excerpt: "TODO: một hai câu …"` in an article without `draft: true`.',
        "Write the excerpt (and every TODO of the outline), or keep `draft: true` until then.",
        stages=("drafts",),
    ),
    Rule(
        "SER019",
        E,
        "Roadmap states a wrong number of articles, eras or tiers",
        "The roadmap's title, excerpt and headings are what readers see first; a count typed "
        "by hand there goes stale as soon as an article is published.",
        "A heading `## Dòng thời gian 14 bài` after a 15th article is published.",
        "Write the count of series.yaml (published articles, `phases`, `tiers`), or drop it "
        "and put a `series-counts` generated region in the text: `build` keeps it current.",
        stages=("counts",),
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def codes_of(stage: str) -> tuple[str, ...]:
    """The codes the registry assigns to a stage (a check's name, LOAD, BUILD or REVIEW)."""
    return tuple(rule.code for rule in _RULES if stage in rule.stages)


def blocks_build(diagnostic: Diagnostic) -> bool:
    """Whether a diagnostic stops `build`: an error that building does not itself repair."""
    rule = RULES[diagnostic.code]
    return diagnostic.severity is Severity.ERROR and not rule.fixed_by_build


def diag(
    code: str, path: str, line: int, column: int, message: str, hint: str | None = None
) -> Diagnostic:
    """Build a diagnostic whose severity comes from the registry."""
    return Diagnostic(path, line, column, code, RULES[code].severity, message, hint)
