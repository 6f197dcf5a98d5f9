"""``import``, ``demo`` and ``gazetteer import``: what brings articles and names into a library."""

from __future__ import annotations

import os
from pathlib import Path

import click

from explorer.cli.options import db_file_path, db_option, jobs_option, model_option, open_db, parse_date, resolve_db
from explorer.core import settings
from explorer.core.reading.file_filter import DEFAULT_EXCLUDE, FileFilter
from explorer.core.reading.formats.document import Limits, ReadOptions
from explorer.core.safety.visible import visible


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("-r", "--recursive", is_flag=True, help="Import the files in sub-folders too.")
@click.option(
    "--date",
    "default_date",
    callback=parse_date,
    metavar="YYYY-MM-DD",
    help="Date for files whose header, name and dateline carry none (otherwise they stay undated).",
)
@jobs_option
@click.option(
    "--cluster",
    "cluster",
    metavar="ADDRESS",
    callback=lambda _ctx, _param, value: _cluster_address(value),
    help="Extract on a Dask cluster: its scheduler (tcp://host:8786), or local:N for N worker processes "
    "here. Needs the cluster extra: pip install 'knowledge-explorer[cluster]'.",
)
@click.option(
    "--shared-storage",
    is_flag=True,
    help="With --cluster: the workers read the files themselves, at the same paths (a shared or network "
    "drive), so only paths are sent to them; a file a worker cannot read fails with its reason.",
)
@model_option
@click.option(
    "--max-size",
    "max_mb",
    default=settings.DEFAULT_MAX_BYTES // (1024 * 1024),
    show_default=True,
    type=click.IntRange(1),
    help="Refuse files larger than this many MB (archives and mailboxes up to 256 MB, each member to this).",
)
@click.option(
    "--include",
    "include",
    multiple=True,
    metavar="GLOB",
    help="Take only files in folders whose name or relative path matches (repeatable; any case).",
)
@click.option(
    "--exclude",
    "exclude",
    multiple=True,
    metavar="GLOB",
    help=f"Skip files and folders whose name or relative path matches (repeatable; any case). "
    f"Default: {' '.join(DEFAULT_EXCLUDE)}; giving any replaces it, --exclude '' keeps none.",
)
@click.option(
    "--ocr",
    is_flag=True,
    help="Read scans (images, PDF pages without text) with Tesseract OCR; it must be installed.",
)
@click.option(
    "--ocr-lang",
    default="eng",
    show_default=True,
    metavar="LANGS",
    help="Tesseract's languages for --ocr, e.g. deu or eng+fra.",
)
@click.option(
    "--max-pages",
    default=Limits.max_pages,
    show_default=True,
    type=click.IntRange(1),
    help="Refuse PDFs with more pages than this.",
)
@click.pass_context
def import_command(
    ctx,
    paths,
    db_path,
    recursive,
    default_date,
    jobs,
    cluster,
    shared_storage,
    model,
    max_mb,
    include,
    exclude,
    ocr,
    ocr_lang,
    max_pages,
) -> None:
    """Import files or folders of them: text, PDF, web pages (HTML), Word (DOCX), e-mail (EML,
    MBOX, attachments included), EPUB, ZIP and tar archives (read in memory) and, with --ocr,
    scans. Exits non-zero when any file failed or a folder
    could not be read; the summary lists each with its reason, and the first 20 duplicates with the
    stored article each repeats. --include/--exclude choose files found in folders; files named
    on the command line are always read. When every one of PATHS is refused (missing, or a file
    that cannot be imported), a new or empty --db file is left as it was. With --cluster the
    scheduler and its workers' versions are checked before anything is written; add
    --shared-storage when the workers see the files at the same paths."""
    from explorer.core.ops.pipeline import ImportOptions, import_paths

    if ocr:
        _require_tesseract()
    if cluster is not None and jobs != 1:
        raise click.UsageError(
            "Give --jobs or --cluster, not both: the cluster's workers are the extraction processes."
        )
    if shared_storage and cluster is None:
        raise click.UsageError("--shared-storage needs --cluster: it says that the cluster's workers see the files.")

    db_path = resolve_db(db_path)
    limits = Limits(max_bytes=max_mb * 1024 * 1024, max_pages=max_pages)
    refused = _all_refused(paths, ReadOptions(limits=limits, ocr=ocr, ocr_lang=ocr_lang))
    if refused and not _holds_data(db_path):  # a library is still opened, so its damage is said first
        _echo_summary(0, 0, refused, len(paths), f"(nothing to import, so {visible(str(db_path))} was left alone)")
        ctx.exit(1)
    file_filter = FileFilter(
        include=tuple(p for p in include if p), exclude=tuple(p for p in exclude if p) if exclude else DEFAULT_EXCLUDE
    )
    options = ImportOptions(
        recursive=recursive,
        default_date=default_date,
        jobs=jobs,
        model=model,
        max_bytes=max_mb * 1024 * 1024,
        file_filter=file_filter,
        ocr=ocr,
        ocr_lang=ocr_lang,
        max_pages=max_pages,
    )
    if cluster is None:
        events = import_paths(db_path, paths, options)
    else:
        from explorer.core.ops.cluster.remote_extractor import import_on_cluster

        events = import_on_cluster(db_path, paths, options, cluster, shared_storage=shared_storage)
    if _run_import(events, db_path):
        ctx.exit(1)


def _cluster_address(value: str | None):
    """--cluster as a ClusterAddress (no Dask needed to parse it), or a usage error in one sentence."""
    from explorer.core.ops.cluster.connection import parse_address

    if value is None:
        return None
    try:
        return parse_address(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _run_import(events, db_path: Path) -> int:
    """Show an import's progress bar and summary; returns how many files failed."""
    from explorer.core.ops.cluster.connection import ClusterError
    from explorer.core.store import StoreError

    try:
        last = next(events)
        with click.progressbar(
            length=last.total,
            label="Importing",
            show_pos=True,
            show_eta=True,
            item_show_func=lambda p: visible(Path(p).name) if p else "",
        ) as bar:
            for last in events:
                bar.update(last.done - bar.pos, last.current)
    except (StoreError, ClusterError) as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"Cannot import: {exc}") from exc
    _echo_summary(last.imported, last.duplicates, last.failed, last.total, f"into {visible(str(db_path))}")
    for duplicate in last.duplicate_of[:DUPLICATES_SHOWN]:
        click.echo(f"  duplicate: {visible(duplicate.file)}: {duplicate_text(duplicate)}")
    if last.duplicates > DUPLICATES_SHOWN:
        click.echo(f"  … and {last.duplicates - DUPLICATES_SHOWN:,} more duplicates")
    _warn_if_stories_stale(db_path)
    return len(last.failed)


def _warn_if_stories_stale(db_path: Path) -> None:
    """An import into a library whose stories were grouped by an older method says so."""
    from explorer.core.store.stories import STALE, stories_stale

    if db_path.exists() and stories_stale(open_db(db_path).conn):
        click.echo(STALE, err=True)


DUPLICATES_SHOWN = 20  # a reimport of a whole folder would otherwise print a line per file


def duplicate_text(duplicate) -> str:
    """What a duplicate repeats: "same text as article 12 (Title) from /path"."""
    if duplicate.article_id is None:
        return "same text as an article deleted since"
    where = f" from {visible(duplicate.path)}" if duplicate.path else ""
    return f"same text as article {duplicate.article_id} ({visible(duplicate.title)}){where}"


def _echo_summary(imported: int, duplicates: int, failed, total: int, where: str) -> None:
    click.echo(f"Imported {imported}, duplicates {duplicates}, failed {len(failed)} (of {total}) {where}")
    for path, reason in failed:
        click.echo(f"  failed: {visible(path)}: {reason}", err=True)


def _holds_data(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _all_refused(paths, options) -> list[tuple[str, str]]:
    """Each named PATH with the reason it is refused, when every one is (missing, a dangling
    link, a file that is empty, binary or too large, a document without text): then no database
    is made, nor an empty file made a library, for nothing. Reading stops at the first file
    that gives an article; a folder is left to the import, which walks it."""
    from explorer.core.model import ReadError
    from explorer.core.reading.formats.registry import read_documents

    reasons = []
    for path in paths:
        if os.path.isdir(path):
            return []
        try:
            outcomes = read_documents(path, options)
        except ReadError as exc:
            reasons.append((str(path), str(exc)))
            continue
        if any(outcome.draft for outcome in outcomes):
            return []
        reasons.extend((outcome.label, outcome.reason or "not read") for outcome in outcomes)
    return reasons


def _require_tesseract() -> None:
    from explorer.core.reading.formats.scans import tesseract_available

    if not tesseract_available():
        raise click.UsageError(
            "--ocr needs Tesseract: install the tesseract program and pytesseract (see the README's OCR section)."
        )


@click.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    callback=db_file_path,
    default=None,
    help=f"Where to build it (default: {settings.demo_db_path()}).",
)
@jobs_option
def demo(db_path, jobs) -> None:
    """Build the demo database of State of the Union addresses (1790-2026); reruns add what is missing."""
    from explorer.core.ops.demo import build_demo
    from explorer.core.ops.pipeline import ImportOptions
    from explorer.core.store import open_store
    from explorer.core.store.queries import count_documents

    db_path = resolve_db(db_path or settings.demo_db_path())
    if not _run_import(build_demo(db_path, ImportOptions(jobs=jobs)), db_path):
        db = open_store(db_path)
        click.echo(f"Demo ready: {count_documents(db):,} articles")
        db.close()


@click.group()
def gazetteer() -> None:
    """Names that always have one type, applied before NER on every later import."""


@gazetteer.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def gazetteer_import(file, db_path) -> None:
    """Store the name,type rows of the CSV FILE in the database (a name given again is replaced).

    Like import, it makes a library of a new or empty database file."""
    from explorer.core.extraction.user_gazetteer import GazetteerError
    from explorer.core.store import StoreError
    from explorer.core.store.saved_gazetteer import import_gazetteer

    path = resolve_db(db_path)
    try:
        count = import_gazetteer(path, file)
    except GazetteerError as exc:
        raise click.ClickException(f"{file}: {exc}") from exc
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Stored {count} gazetteer names in {visible(str(path))}; later imports use them.")
