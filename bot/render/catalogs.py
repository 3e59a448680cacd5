"""The message catalogs: extract, update, compile and check them with Babel's tools.

    python -m bot.render.catalogs update    # code -> bot/locales/bot.pot -> each .po -> .mo
    python -m bot.render.catalogs compile   # each .po -> its .mo (run by scripts/setup)
    python -m bot.render.catalogs check     # what a catalog lacks; exit 1 if anything

babel.cfg says where messages come from: `_()`, `ngettext()`, `N_()`, `said()` and
`said_plural()` in the code, the salary fields' option help and the taxonomy's choice names.
The domain says what it means as message keys (bot/salary/said.py); render words them in the
reader's language. The .mo files are built, never committed.
"""

from __future__ import annotations

import ast
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.render.words import CATALOGS, DOMAIN, LOCALES_DIR
from bot.salary.taxonomy import city_of

ROOT = LOCALES_DIR.parents[1]
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
PROJECT = "ML Salary Bot"
AUTHORS = "ML Salary Bot contributors"
# Taxonomy sections whose labels people pick as slash-command choices.
CHOICE_SECTIONS = ("roles", "levels", "industries", "education", "company_types")
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")

# The domain marks what it says with said() and said_plural() (bot/salary/said.py).
KEYWORDS = {**DEFAULT_KEYWORDS, "said": None, "said_plural": (1, 2)}

Extracted = Iterator[tuple[int, str, str | tuple[str, str], list[str]]]


def extract_field_descriptions(fileobj: IO[bytes], *_: Any, **__: Any) -> Extracted:
    """Babel extractor: the option help of every salary field, as the declaration words it."""
    from bot.salary import fields

    for name in fields.FIELD_NAMES:
        yield 0, "", fields.description(name), [f"option help: {fields.option_name(name)}"]


def extract_choice_labels(fileobj: IO[bytes], *_: Any, **__: Any) -> Extracted:
    """Babel extractor: the names of the taxonomy's choices, from its JSON."""
    taxonomy = json.load(fileobj)
    for section in CHOICE_SECTIONS:
        for entry in taxonomy[section]:
            yield 0, "", entry["label"], [f"choice: {section}"]
    yield 0, "", taxonomy["remote"]["label"], ["choice: location"]


def extract_term_labels(fileobj: IO[bytes], *args: Any, **kwargs: Any) -> Extracted:
    """Babel extractor: the taxonomy's choice names, then the names of its skills and
    certifications (picked in the profile form, named in tips; many are product names that
    read the same in every language) and of its cities abroad."""
    yield from extract_choice_labels(fileobj, *args, **kwargs)
    fileobj.seek(0)
    taxonomy = json.load(fileobj)
    for section in ("skills", "certifications"):
        for entry in taxonomy[section]:
            yield 0, "", entry["label"], [f"name: {section}"]
    # Cities abroad, in the context "city" (a city's name could be another word's too).
    for entry in taxonomy["cities"]:
        yield 0, "pgettext", ("city", city_of(entry["label"])), ["name: city"]


def extract_default_messages(fileobj: IO[bytes], *_: Any, **__: Any) -> Extracted:
    """Babel extractor: every class's `default_message = "..."` (the store's errors, which
    the error path shows in the reader's words)."""
    for node in ast.walk(ast.parse(fileobj.read())):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "default_message" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            yield node.lineno, "", node.value.value, ["the store's error"]


def po_path(folder: str) -> Path:
    return LOCALES_DIR / folder / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(folder: str) -> Path:
    return po_path(folder).with_suffix(".mo")


def extract() -> Catalog:
    """Every message the code and data hold now, as a template."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    template = Catalog(project=PROJECT, fuzzy=False)
    found = extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, comment_tags=("NOTE:",)
    )
    for filename, lineno, message, comments, context in found:
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def write(catalog: Catalog, path: Path, *, omit_header: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        # No line numbers: they would change with every edit and make every merge conflict.
        write_po(file, catalog, omit_header=omit_header, include_lineno=False, width=100)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def update() -> None:
    template = extract()
    write(template, TEMPLATE, omit_header=True)
    for folder in CATALOGS.values():
        path = po_path(folder)
        catalog = read(path, folder) if path.exists() else new_catalog(folder)
        # No guesses: a changed message is untranslated until someone translates it.
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        write(catalog, path)


def new_catalog(folder: str) -> Catalog:
    return Catalog(
        locale=folder,
        project=PROJECT,
        version="",
        copyright_holder=AUTHORS,
        msgid_bugs_address="",
        last_translator=AUTHORS,
        language_team=AUTHORS,
        fuzzy=False,
    )


def compile_all() -> None:
    for folder in CATALOGS.values():
        mo_path(folder).write_bytes(compiled(read(po_path(folder), folder)))


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _ids(message: Message) -> tuple[str, ...]:
    """The singular (and plural) message id."""
    return tuple(message.id) if isinstance(message.id, tuple | list) else (str(message.id),)


def _texts(message: Message) -> tuple[str, ...]:
    """The translation, one text per plural form; empty texts where untranslated."""
    if isinstance(message.string, tuple | list):
        return tuple(message.string)
    return (message.string or "",)


def problems(template: Catalog, catalog: Catalog, name: str) -> list[str]:
    """Each message of `template` the catalog lacks, leaves unsure, or words with other
    placeholders; and each message it holds that the template no longer has."""
    found = []
    for message in template:
        if not message.id:
            continue
        key = _ids(message)[0]
        entry = catalog.get(message.id, message.context)
        texts = _texts(entry) if entry is not None else ()
        if entry is None or not all(texts):
            found.append(f"{name}: no translation of {key!r}")
            continue
        if entry.fuzzy:
            found.append(f"{name}: translation of {key!r} is marked fuzzy")
        wanted = set().union(*(placeholders(text) for text in _ids(message)))
        for text in texts:
            if placeholders(text) != wanted:
                found.append(f"{name}: {text!r} has {placeholders(text)}, not {wanted}")
    known = {message.id for message in template}
    found.extend(
        f"{name}: {_ids(message)[0]!r} is in the catalog but no longer in the code"
        for message in catalog
        if message.id and message.id not in known
    )
    return found


def check() -> list[str]:
    """Everything that would make a reader meet English or a broken sentence."""
    template = extract()
    stored = read(TEMPLATE) if TEMPLATE.exists() else Catalog()
    found = []
    if {m.id for m in template} != {m.id for m in stored}:
        found.append(f"{TEMPLATE.name}: out of date (run `python -m bot.render.catalogs update`)")
    for folder in CATALOGS.values():
        catalog = read(po_path(folder), folder)
        found.extend(problems(template, catalog, folder))
        mo = mo_path(folder)
        if not mo.exists() or mo.read_bytes() != compiled(catalog):
            found.append(f"{folder}: {mo.name} is not compiled from the .po (run scripts/setup)")
    return found


def main(argv: list[str]) -> int:
    action = argv[0] if argv else ""
    if action == "update":
        update()
        compile_all()
    elif action == "compile":
        compile_all()
    elif action == "check":
        found = check()
        print("\n".join(found) or "catalogs complete")
        return 1 if found else 0
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
