"""Small incident lists written for the map, join and export tests (not copied from samples).

Two texts carry hostile markup: if either ever runs in a map, it sets ``document.title`` to
``pwned`` or the global ``window.gcPwned``.
"""

from __future__ import annotations

import datetime as dt

from geoconflict.records import Incident, Location

SCRIPT_PAYLOAD = "<script>document.title='pwned';window.gcPwned=1</script>"
IMG_PAYLOAD = '<img src=x onerror="window.gcPwned=2;document.title=\'pwned\'">'


def incident(iid: str, lat: float | None = None, lon: float | None = None, *,
             precision: int = 1, text: str | None = None, **kw) -> Incident:
    """One test incident; ``lat``/``lon`` None gives an unplaced one."""
    loc_kw = {k: kw.pop(k) for k in ("admin1", "admin2", "place_name") if k in kw}
    location = (Location(lat=lat, lon=lon, precision=precision, **loc_kw)
                if lat is not None and lon is not None else None)
    body = text or f"Test sentence for incident {iid}."
    return Incident(incident_id=iid, doc_id=kw.pop("doc_id", "testdoc"), text=body,
                    char_start=0, char_end=len(body), location=location, **kw)


def map_incidents() -> list[Incident]:
    """Eight incidents across four governorates, with every case the map must handle."""
    return [
        incident("t-saraqib", 35.862, 36.800, event_type="airstrike", actor="Russia",
                 date=dt.date(2021, 3, 2), place="Saraqeb", place_name="Saraqib",
                 killed_best=9, killed_low=7, killed_high=11, injured_best=20,
                 text=f"Jets bombed a bakery in Saraqeb {SCRIPT_PAYLOAD} killing nine."),
        incident("t-douma", 33.572, 36.403, event_type="shelling", date=dt.date(2021, 3, 4),
                 place="Douma", killed_best=4, killed_children=2,
                 text=f"Mortar fire on Douma {IMG_PAYLOAD} killed four, two of them children."),
        incident("t-idleb-gov", 35.80, 36.65, precision=4, admin1="Idlib",
                 event_type="airstrike", date=dt.date(2021, 3, 5), place="Idlib countryside",
                 killed_best=15,
                 text="Raids across the Idlib countryside killed fifteen people."),
        incident("t-toll", 35.93, 36.63, event_type="other", date=dt.date(2021, 3, 6),
                 place="Idlib", killed_best=60, is_cumulative=True,
                 text="The week's toll in Idlib reached sixty."),
        incident("t-sub", 35.862, 36.800, event_type="airstrike", date=dt.date(2021, 3, 5),
                 place="Saraqeb", killed_best=3, part_of="t-idleb-gov",
                 text="Three of the dead were in Saraqeb."),
        incident("t-raqqa", 35.950, 39.010, event_type="bombing", date=dt.date(2021, 4, 1),
                 place="Raqqa", killed_best=0, actor="Islamic State",
                 text="A car bomb in Raqqa wounded several but killed no one."),
        incident("t-dara", 32.625, 36.106, event_type="ground_assault",
                 place="Daraa", text="Fighting was reported around Daraa."),
        incident("t-nowhere", event_type="attack", place="somewhere",
                 text="An attack was reported at an unnamed village."),
    ]
