"""The ``geoconflict`` command line: thin click commands over the library API.

Every :class:`~geoconflict.errors.GeoconflictError` (and gazetteer error) becomes a one-line
message and exit status 1; usage errors keep click's exit status 2.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import GeoconflictError

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Turn library errors into click errors (one line, exit 1) instead of tracebacks."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from gazetteer.errors import GazetteerError

        try:
            return func(*args, **kwargs)
        except (GeoconflictError, GazetteerError) as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geoconflict")
def cli() -> None:
    """Turn news reports of war into maps of strikes and deaths, offline.

    \b
    Typical use:
      geoconflict run articles/ -o out/          # the whole pipeline
      geoconflict extract a.txt -o incidents.geojson
      geoconflict resolve "Deir ez-Zor" Erbin --json
      geoconflict map incidents.geojson -o map.html
      geoconflict export incidents.geojson -o incidents.gpkg
    """


# --- resolve (gazetteer) ---------------------------------------------------------------
# RESOLVE-COMMAND
class _BadUsage(click.ClickException):
    """A one-line usage error (exit status 2, like click's own usage errors)."""

    exit_code = 2


def _match_json(match: Any) -> dict[str, Any]:
    place = match.place
    return {
        "name": place.name,
        "id": place.place_id,
        "lat": place.lat,
        "lon": place.lon,
        "feature_code": place.feature_code,
        "admin1": place.admin1,
        "country_code": place.country_code,
        "score": match.score,
        "precision": match.precision,
        "method": match.method,
    }


def _resolution_json(res: Any) -> dict[str, Any]:
    best = res.best
    out: dict[str, Any] = {"query": res.query}
    if best is None:
        empty = ("name", "id", "lat", "lon", "feature_code", "admin1", "score", "precision")
        out.update(dict.fromkeys(empty))
    else:
        out.update(_match_json(best))
    out["candidates"] = [_match_json(m) for m in res.candidates]
    return out


def _resolution_line(res: Any) -> str:
    best = res.best
    if best is None:
        hint = ""
        if res.candidates:
            closest = res.candidates[0]
            hint = f" (closest: {closest.place.name}, score {closest.score:.2f})"
        return f"{res.query}\tnot found{hint}"
    p = best.place
    where = ", ".join(x for x in (p.admin2, p.admin1, p.country_code) if x)
    return (
        f"{res.query}\t{p.name} ({where})\t{p.lat:.5f}, {p.lon:.5f}\t"
        f"score {best.score:.2f}\tprecision {best.precision}\t{p.place_id}"
    )


@cli.command("resolve")
@click.argument("names", nargs=-1)
@click.option(
    "--country",
    metavar="CC",
    default=None,
    help="ISO 3166-1 alpha-2 code the places should lie in (default: SY for the embedded data).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per name, one per line.")
@click.option(
    "--limit", type=click.IntRange(0, 50), default=5, show_default=True,
    help="Runners-up to list per name.",
)
@click.option(
    "--gazetteer", "gazetteer_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A GeoNames dump (XX.txt / XX.zip) or CSV of name,lat,lon added to the embedded data.",
)
@click.option(
    "--online", is_flag=True, help="Ask Nominatim (OpenStreetMap) for names not found offline."
)
@friendly_errors
def resolve_command(
    names: tuple[str, ...],
    country: str | None,
    as_json: bool,
    limit: int,
    gazetteer_path: Path | None,
    online: bool,
) -> None:
    """Resolve place names to coordinates (offline gazetteer).

    \b
    NAME... are place names in any transliteration or Arabic script; "-" reads one name
    per line from standard input. Unresolved names are reported, not errors.
    \b
    Examples:
      geoconflict resolve Erbin "Deir ez-Zor" "خان شيخون"
      geoconflict resolve --json --country SY Douma < /dev/null
      printf 'Saraqib\\nKafr Nabl\\n' | geoconflict resolve - --json
    """
    import json

    import gazetteer

    if not names:
        msg = "give at least one NAME, or - to read names from standard input"
        raise _BadUsage(msg)
    if country is not None:
        if len(country) != 2 or not country.isascii() or not country.isalpha():
            msg = f"--country {country!r} is not a two-letter ISO 3166-1 code (e.g. SY, IQ, YE)"
            raise _BadUsage(msg)
        country = country.upper()
    queries: list[str] = []
    for name in names:
        if name == "-":
            stdin = click.open_file("-", encoding="utf-8")
            queries.extend(line.strip() for line in stdin if line.strip())
        else:
            queries.append(name)

    g = gazetteer.load_default()
    default_country = "SY"
    if gazetteer_path is not None:
        from gazetteer.userdata import load_user_gazetteer

        user = load_user_gazetteer(gazetteer_path, country=country)
        g = g.merged(user)
        default_country = country or user.default_country or "SY"
    fallback = None
    if online:
        from gazetteer.online import NominatimFallback

        fallback = NominatimFallback()
    if gazetteer_path is None and fallback is None:
        resolver = gazetteer.default_resolver()
    else:
        resolver = gazetteer.Resolver(g, default_country=default_country, online=fallback)
    for query in queries:
        res = resolver.resolve(query, country=country, limit=limit)
        if as_json:
            click.echo(json.dumps(_resolution_json(res), ensure_ascii=False))
        else:
            click.echo(_resolution_line(res))


# --- extract ----------------------------------------------------------------------------
# EXTRACT-COMMAND
def _parse_date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """Click callback: ``--date`` must be ``YYYY-MM-DD`` (a usage error otherwise)."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        msg = f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2018-02-09"
        raise click.BadParameter(msg, ctx=ctx, param=param) from None


def _parse_country_option(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> str | None:
    """Click callback: ``--country`` is an ISO 3166 alpha-2 code such as ``SY``."""
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        msg = f"{value!r} is not a two-letter country code such as SY or IQ"
        raise click.BadParameter(msg, ctx=ctx, param=param)
    return code


def _write_incidents_jsonl(incidents: Any, fh: Any) -> int:
    """Write one GeoJSON Feature per line (newline-delimited GeoJSON); return the count."""
    import json

    from .geojson import incident_to_feature

    count = 0
    for incident in incidents:
        fh.write(json.dumps(incident_to_feature(incident), ensure_ascii=False))
        fh.write("\n")
        count += 1
    return count


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="FILE",
    help="Where to write the incidents ('-' for standard output).",
)
@click.option(
    "--date",
    "default_date",
    callback=_parse_date_option,
    metavar="YYYY-MM-DD",
    help="Publication date of articles that carry none (resolves 'on Thursday').",
)
@click.option(
    "--country",
    callback=_parse_country_option,
    metavar="CC",
    help="Country the articles are about (ISO alpha-2); place names are looked up there first.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["geojson", "jsonl"]),
    default=None,
    help="geojson (a FeatureCollection) or jsonl (one Feature per line). "
    "Default: from the output name (.jsonl/.ndjson/.geojsonl -> jsonl), else geojson.",
)
@click.option(
    "--encoding",
    default=None,
    metavar="NAME",
    help="Decode every input with this encoding instead of detecting UTF-8/UTF-16.",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not print the summary line.")
@friendly_errors
def extract_command(
    inputs: tuple[str, ...],
    output: str,
    default_date: Any,
    country: str | None,
    fmt: str | None,
    encoding: str | None,
    quiet: bool,
) -> None:
    """Read articles and write the incidents found in them, with places resolved.

    \b
    INPUT is any mix of .txt files (one article each), folders of them, .jsonl/.csv
    files with one article per row (column 'text'; optional id, date, title, url,
    source), and '-' for standard input (JSONL if it starts with '{', else one article).

    \b
    Examples:
      geoconflict extract report.txt -o incidents.geojson --date 2018-02-09
      geoconflict extract articles/ feed.jsonl -o incidents.jsonl
    """
    import dataclasses

    from ._atomic import atomic_open
    from .articles import InputReport, read_articles
    from .config import DEFAULT_CONFIG
    from .errors import ExportError, InputError
    from .extract import extract_incidents
    from .geojson import incidents_to_feature_collection, write_incidents_geojson

    to_stdout = output == "-"
    if fmt is None:
        jsonl_suffixes = (".jsonl", ".ndjson", ".geojsonl")
        fmt = "jsonl" if Path(output).suffix.lower() in jsonl_suffixes else "geojson"
    if not to_stdout:
        folder = Path(output).parent
        if not folder.is_dir():
            msg = f"cannot write {output!r}: folder {str(folder)!r} does not exist"
            raise ExportError(msg)
        if Path(output).is_dir():
            msg = f"cannot write {output!r}: it is a folder; give a file name"
            raise ExportError(msg)
        if any(Path(i).is_file() and Path(i).resolve() == Path(output).resolve() for i in inputs):
            msg = f"cannot write {output!r}: it is also an input; give another file name"
            raise ExportError(msg)
    config = DEFAULT_CONFIG
    if country is not None:
        config = dataclasses.replace(config, default_country=country)

    report = InputReport()
    articles = read_articles(inputs, default_date=default_date, report=report, encoding=encoding)
    counts = {"incidents": 0, "placed": 0, "developments": 0}

    def incidents() -> Any:
        for article in articles:
            try:
                found = extract_incidents(article, config=config)
            except Exception as exc:  # one bad article must not stop a corpus run
                report.skip(article.doc_id, "extraction failed", f"{type(exc).__name__}: {exc}")
                continue
            for incident in found:
                counts["incidents"] += 1
                counts["placed"] += incident.location is not None
                counts["developments"] += incident.category != "violence"
                yield incident

    def finish() -> None:
        if report.articles_read == 0:
            msg = f"no articles read: {report.summary()}"
            raise InputError(msg)

    if to_stdout and fmt == "jsonl":  # streamed: no article read means no line written
        _write_incidents_jsonl(incidents(), sys.stdout)
        sys.stdout.flush()
        finish()
    elif to_stdout:
        import json

        found = list(incidents())
        finish()
        json.dump(incidents_to_feature_collection(found), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        sys.stdout.flush()
    elif fmt == "jsonl":
        with atomic_open(output, "w") as fh:
            _write_incidents_jsonl(incidents(), fh)
            finish()  # raising here discards the temporary file: no output is left
    else:

        def checked() -> Any:
            yield from incidents()
            finish()  # raising inside the writer discards its temporary file

        write_incidents_geojson(checked(), output)  # streams: features are not held in memory

    if not quiet:
        shown = report.warnings[:5]
        for warning in shown:
            click.echo(f"warning: {warning}", err=True)
        if report.warning_count > len(shown):
            click.echo(f"warning: ... and {report.warning_count - len(shown)} more", err=True)
        n = counts["incidents"]
        found_line = f"{n} incident{'' if n == 1 else 's'}, {counts['placed']} placed"
        if counts["developments"]:
            found_line += f" ({counts['developments']} developments with no violence told)"
        click.echo(f"{report.summary()}; {found_line}", err=True)


# --- map / export -----------------------------------------------------------------------
# MAP-EXPORT-COMMANDS
def _echo_warnings(caught: list[Any]) -> None:
    for w in caught:
        click.echo(f"warning: {w.message}", err=True)


@cli.command("map")
@click.argument("incidents", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="HTML file to write.")
@click.option("--offline/--cdn", default=True, show_default=True,
              help="--offline (the default): one self-contained file that draws with no "
              "network (scripts inlined, boundaries as the base layer). --cdn: a smaller file "
              "that loads Leaflet from its CDN and draws OpenStreetMap tiles under the areas; "
              "it needs the network to show anything.")
@click.option("--png", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write a static PNG map here.")
@click.option("--level", type=click.Choice(["admin1", "admin2"]), default="admin1",
              show_default=True, help="Choropleth shown first: governorates or districts.")
@click.option("--title", default=None, help="Map title (default: a summary of the data).")
@friendly_errors
def map_command(incidents: Path, output: Path, offline: bool, png: Path | None, level: str,
                title: str | None) -> None:
    """Render INCIDENTS (an incidents.geojson) as an HTML map of deaths and strikes."""
    import warnings

    from .frames import read_incidents
    from .maps import incident_map, map_png, save_map

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        gdf = read_incidents(incidents)
        m = incident_map(gdf, level=level, offline=offline, title=title)
        save_map(m, output)
        if png is not None:
            map_png(gdf, png, level=level, title=title)
    _echo_warnings([w for w in caught if issubclass(w.category, UserWarning)])
    placed = int(gdf.geometry.notna().sum())
    click.echo(f"{output}: {len(gdf)} incidents ({placed} placed)"
               + (f"; {png}" if png is not None else ""), err=True)


@cli.command("export")
@click.argument("incidents", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Output file: .geojson, .csv or .gpkg (format from the suffix).")
@click.option("--areas", type=click.Choice(["admin1", "admin2", "admin3"]), default=None,
              help="Write casualties per area (polygons with counts) instead of incidents.")
@friendly_errors
def export_command(incidents: Path, output: Path, areas: str | None) -> None:
    """Export INCIDENTS (an incidents.geojson) as GeoJSON, CSV or GeoPackage."""
    import warnings

    from .exports import _format_for, export_areas, export_incidents
    from .frames import read_incidents

    _format_for(output)  # fail on a bad suffix before reading anything
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        gdf = read_incidents(incidents)
        if areas is None:
            n = export_incidents(gdf, output)
            what = "incidents"
        else:
            from .joins import casualties_by_area

            n = export_areas(casualties_by_area(gdf, areas), output)
            what = f"{areas} areas"
    _echo_warnings([w for w in caught if issubclass(w.category, UserWarning)])
    click.echo(f"{output}: {n} {what}", err=True)


# --- run --------------------------------------------------------------------------------
# RUN-COMMAND
@cli.command("run")
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option(
    "-o", "--outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the outputs (created if missing).",
)
@click.option("--examples", is_flag=True, help="Add the sample articles shipped with geoconflict.")
@click.option(
    "--date", "default_date", callback=_parse_date_option, metavar="YYYY-MM-DD",
    help="Publication date of articles that carry none (resolves 'on Thursday').",
)
@click.option(
    "--country", callback=_parse_country_option, metavar="CC",
    help="Country the articles are about (ISO alpha-2); place names are looked up there first.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
    help="Worker processes (local engine) or local Dask workers (dask engine).",
)
@click.option(
    "--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
    help="local: this machine's processes; dask: dask.distributed (also writes "
    "incidents.parquet/).",
)
@click.option(
    "--scheduler", metavar="ADDRESS",
    help="A running Dask scheduler (tcp://host:8786) for --engine dask; the workers must "
    "see OUTDIR at the same path. Default: start a local cluster of --jobs workers.",
)
@click.option(
    "--reference", type=click.Path(dir_okay=False, path_type=Path), metavar="CSV",
    help="An ACLED export or UCDP GED CSV drawn under the incidents on the map.",
)
@click.option(
    "--offline/--cdn", default=True, show_default=True,
    help="--offline (the default): map.html embeds its JavaScript and CSS and opens without "
    "the network. --cdn: a smaller map.html that loads them and OpenStreetMap tiles from the "
    "web, and shows nothing without the network.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@friendly_errors
def run_command(
    inputs: tuple[str, ...],
    outdir: Path,
    examples: bool,
    default_date: Any,
    country: str | None,
    jobs: int,
    engine: str,
    scheduler: str | None,
    reference: Path | None,
    offline: bool,
    quiet: bool,
) -> None:
    """Run the whole pipeline: extract, resolve, merge across articles, join, map.

    \b
    Writes into OUTDIR:
      incidents.geojson  one incident per event (reports merged across articles)
      incidents.csv      the same table as CSV
      areas.geojson      deaths and incidents per governorate
      map.html           the interactive map
      report.md          counts, deaths by governorate, unresolved place names
                         (to extend the gazetteer from) and skipped inputs
    The same input gives the same files every time.

    \b
    INPUT is any mix of .txt files, folders of them and .jsonl/.csv files with one
    article per row (column 'text'; optional id, date, title, url, source).

    \b
    Examples:
      geoconflict run --examples -o out
      geoconflict run articles/ feed.jsonl -o out --date 2016-11-24 --jobs 2
      geoconflict run corpus/ -o out --engine dask --scheduler tcp://10.0.0.5:8786
      geoconflict run articles/ -o out --reference acled.csv
    """
    import contextlib
    import dataclasses
    from importlib import resources

    from .config import DEFAULT_CONFIG
    from .errors import InputError
    from .pipeline import run

    if not inputs and not examples:
        msg = "give at least one INPUT (file or folder), or --examples for the sample articles"
        raise click.UsageError(msg)
    config = DEFAULT_CONFIG
    if country is not None:
        config = dataclasses.replace(config, default_country=country)
    with contextlib.ExitStack() as stack:
        paths = list(inputs)
        if examples:
            folder = stack.enter_context(
                resources.as_file(resources.files("geoconflict") / "examples")
            )
            paths += sorted(str(p) for p in Path(folder).glob("*.txt"))
            if not paths:
                msg = "the sample articles are missing from this installation"
                raise InputError(msg)
        result = run(
            paths, outdir=outdir, config=config, jobs=jobs, engine=engine,  # type: ignore[arg-type]
            scheduler=scheduler, default_date=default_date, progress=False if quiet else None,
            offline_map=offline, reference=reference,
        )
    if not quiet:
        click.echo(result.summary())


main = cli

if __name__ == "__main__":  # pragma: no cover
    main()
