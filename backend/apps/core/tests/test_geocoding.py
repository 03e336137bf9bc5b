"""The geocoders: the offline place list, the PDOK Locatieserver, and picking one.

The PDOK tests run a real HTTP server on 127.0.0.1 that answers with replies
in the Locatieserver's /free format (fixtures/pdok), so no test leaves the
machine.
"""

import csv
import functools
import importlib.util
import json
import logging
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured

from apps.core.geocoding import (
    PLACES_CSV,
    GeocodeResult,
    GeocoderUnavailable,
    OfflineGeocoder,
    PdokGeocoder,
    geocode,
    get_geocoder,
    place_key,
)

FIXTURES = Path(__file__).parent / "fixtures" / "pdok"
BUILD_SCRIPT = Path(__file__).resolve().parents[3] / "bin" / "build_nl_places.py"
PDOK_PATH = "/bzk/locatieserver/search/v3_1"

# The 342 municipalities of 1 January 2025, by province.
MUNICIPALITIES_2025 = (
    # Groningen
    "Eemsdelta", "Groningen", "Het Hogeland", "Midden-Groningen", "Oldambt", "Pekela",
    "Stadskanaal", "Veendam", "Westerkwartier", "Westerwolde",
    # Friesland
    "Achtkarspelen", "Ameland", "Dantumadiel", "De Fryske Marren", "Harlingen", "Heerenveen",
    "Leeuwarden", "Noardeast-Fryslân", "Ooststellingwerf", "Opsterland", "Schiermonnikoog",
    "Smallingerland", "Súdwest-Fryslân", "Terschelling", "Tytsjerksteradiel", "Vlieland",
    "Waadhoeke", "Weststellingwerf",
    # Drenthe
    "Aa en Hunze", "Assen", "Borger-Odoorn", "Coevorden", "De Wolden", "Emmen", "Hoogeveen",
    "Meppel", "Midden-Drenthe", "Noordenveld", "Tynaarlo", "Westerveld",
    # Overijssel
    "Almelo", "Borne", "Dalfsen", "Deventer", "Dinkelland", "Enschede", "Haaksbergen",
    "Hardenberg", "Hellendoorn", "Hengelo", "Hof van Twente", "Kampen", "Losser", "Oldenzaal",
    "Olst-Wijhe", "Ommen", "Raalte", "Rijssen-Holten", "Staphorst", "Steenwijkerland",
    "Tubbergen", "Twenterand", "Wierden", "Zwartewaterland", "Zwolle",
    # Flevoland
    "Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk", "Zeewolde",
    # Gelderland
    "Aalten", "Apeldoorn", "Arnhem", "Barneveld", "Berg en Dal", "Berkelland", "Beuningen",
    "Bronckhorst", "Brummen", "Buren", "Culemborg", "Doesburg", "Doetinchem", "Druten",
    "Duiven", "Ede", "Elburg", "Epe", "Ermelo", "Harderwijk", "Hattem", "Heerde", "Heumen",
    "Lingewaard", "Lochem", "Maasdriel", "Montferland", "Neder-Betuwe", "Nijkerk", "Nijmegen",
    "Nunspeet", "Oldebroek", "Oost Gelre", "Oude IJsselstreek", "Overbetuwe", "Putten",
    "Renkum", "Rheden", "Rozendaal", "Scherpenzeel", "Tiel", "Voorst", "Wageningen",
    "West Betuwe", "West Maas en Waal", "Westervoort", "Wijchen", "Winterswijk", "Zaltbommel",
    "Zevenaar", "Zutphen",
    # Utrecht
    "Amersfoort", "Baarn", "Bunnik", "Bunschoten", "De Bilt", "De Ronde Venen", "Eemnes",
    "Houten", "IJsselstein", "Leusden", "Lopik", "Montfoort", "Nieuwegein", "Oudewater",
    "Renswoude", "Rhenen", "Soest", "Stichtse Vecht", "Utrecht", "Utrechtse Heuvelrug",
    "Veenendaal", "Vijfheerenlanden", "Wijk bij Duurstede", "Woerden", "Woudenberg", "Zeist",
    # Noord-Holland
    "Aalsmeer", "Alkmaar", "Amstelveen", "Amsterdam", "Bergen (NH)", "Beverwijk", "Blaricum",
    "Bloemendaal", "Castricum", "Den Helder", "Diemen", "Dijk en Waard", "Drechterland",
    "Edam-Volendam", "Enkhuizen", "Gooise Meren", "Haarlem", "Haarlemmermeer", "Heemskerk",
    "Heemstede", "Heiloo", "Hilversum", "Hollands Kroon", "Hoorn", "Huizen", "Koggenland",
    "Landsmeer", "Laren", "Medemblik", "Oostzaan", "Opmeer", "Ouder-Amstel", "Purmerend",
    "Schagen", "Stede Broec", "Texel", "Uitgeest", "Uithoorn", "Velsen", "Waterland",
    "Wijdemeren", "Wormerland", "Zaanstad", "Zandvoort",
    # Zuid-Holland
    "'s-Gravenhage", "Alblasserdam", "Albrandswaard", "Alphen aan den Rijn", "Barendrecht",
    "Bodegraven-Reeuwijk", "Capelle aan den IJssel", "Delft", "Dordrecht",
    "Goeree-Overflakkee", "Gorinchem", "Gouda", "Hardinxveld-Giessendam",
    "Hendrik-Ido-Ambacht", "Hillegom", "Hoeksche Waard", "Kaag en Braassem", "Katwijk",
    "Krimpen aan den IJssel", "Krimpenerwaard", "Lansingerland", "Leiden", "Leiderdorp",
    "Leidschendam-Voorburg", "Lisse", "Maassluis", "Midden-Delfland", "Molenlanden",
    "Nieuwkoop", "Nissewaard", "Noordwijk", "Oegstgeest", "Papendrecht", "Pijnacker-Nootdorp",
    "Ridderkerk", "Rijswijk", "Rotterdam", "Schiedam", "Sliedrecht", "Teylingen",
    "Vlaardingen", "Voorne aan Zee", "Voorschoten", "Waddinxveen", "Wassenaar", "Westland",
    "Zoetermeer", "Zoeterwoude", "Zuidplas", "Zwijndrecht",
    # Zeeland
    "Borsele", "Goes", "Hulst", "Kapelle", "Middelburg", "Noord-Beveland", "Reimerswaal",
    "Schouwen-Duiveland", "Sluis", "Terneuzen", "Tholen", "Veere", "Vlissingen",
    # Noord-Brabant
    "'s-Hertogenbosch", "Alphen-Chaam", "Altena", "Asten", "Baarle-Nassau", "Bergeijk",
    "Bergen op Zoom", "Bernheze", "Best", "Bladel", "Boekel", "Boxtel", "Breda", "Cranendonck",
    "Deurne", "Dongen", "Drimmelen", "Eersel", "Eindhoven", "Etten-Leur", "Geertruidenberg",
    "Geldrop-Mierlo", "Gemert-Bakel", "Gilze en Rijen", "Goirle", "Halderberge", "Heeze-Leende",
    "Helmond", "Heusden", "Hilvarenbeek", "Laarbeek", "Land van Cuijk", "Loon op Zand",
    "Maashorst", "Meierijstad", "Moerdijk", "Nuenen, Gerwen en Nederwetten", "Oirschot",
    "Oisterwijk", "Oosterhout", "Oss", "Reusel-De Mierden", "Roosendaal", "Rucphen",
    "Sint-Michielsgestel", "Someren", "Son en Breugel", "Steenbergen", "Tilburg",
    "Valkenswaard", "Veldhoven", "Vught", "Waalre", "Waalwijk", "Woensdrecht", "Zundert",
    # Limburg
    "Beek", "Beekdaelen", "Beesel", "Bergen (L)", "Brunssum", "Echt-Susteren",
    "Eijsden-Margraten", "Gennep", "Gulpen-Wittem", "Heerlen", "Horst aan de Maas", "Kerkrade",
    "Landgraaf", "Leudal", "Maasgouw", "Maastricht", "Meerssen", "Mook en Middelaar",
    "Nederweert", "Peel en Maas", "Roerdalen", "Roermond", "Simpelveld", "Sittard-Geleen",
    "Stein", "Vaals", "Valkenburg aan de Geul", "Venlo", "Venray", "Voerendaal", "Weert",
)  # fmt: skip

NEAR = 0.05  # degrees


@functools.cache
def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_nl_places", BUILD_SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _csv_rows(path: Path = PLACES_CSV) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write_places(path: Path, rows: list[tuple[str, float, float, int, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "latitude", "longitude", "population", "kind"])
        writer.writerows(rows)
    return path


# --- Offline -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "label", "latitude", "longitude"),
    [
        ("Amsterdam", "Amsterdam", 52.374, 4.890),
        ("Utrecht", "Utrecht", 52.091, 5.122),
        ("Rotterdam", "Rotterdam", 51.922, 4.479),
        ("Groningen", "Groningen", 53.219, 6.567),
        ("Maastricht", "Maastricht", 50.851, 5.691),
        ("Den Haag", "Den Haag", 52.078, 4.300),
        ("'s-Gravenhage", "'s-Gravenhage", 52.078, 4.300),
        ("Den Bosch", "Den Bosch", 51.699, 5.304),
        ("'s-Hertogenbosch", "'s-Hertogenbosch", 51.699, 5.304),
        ("Súdwest-Fryslân", "Súdwest-Fryslân", 53.033, 5.660),  # Sneek
        ("Westland", "Westland", 51.991, 4.209),  # Naaldwijk
        ("Terschelling", "Terschelling", 53.358, 5.216),  # West-Terschelling
        ("Het Hogeland", "Het Hogeland", 53.330, 6.520),  # Winsum (Groningen)
        ("Noardeast-Fryslân", "Noardeast-Fryslân", 53.325, 5.998),  # Dokkum
        ("Altena", "Altena", 51.771, 4.960),  # Almkerk
        ("Haarlemmermeer", "Haarlemmermeer", 52.302, 4.689),  # Hoofddorp
        ("Deurne", "Deurne", 51.461, 5.794),  # not in GeoNames cities500
        ("Vaals", "Vaals", 50.771, 6.018),
        ("Schiermonnikoog", "Schiermonnikoog", 53.480, 6.153),
        ("Snits", "Snits", 53.033, 5.660),  # Frisian for Sneek
        ("Ljouwert", "Ljouwert", 53.201, 5.799),  # Frisian for Leeuwarden
    ],
)
def test_offline_locates_places_and_municipalities(city, label, latitude, longitude):
    result = OfflineGeocoder().locate(city=city)

    assert result is not None
    assert result.label == label
    assert result.precision == "city"
    assert result.latitude == pytest.approx(latitude, abs=NEAR)
    assert result.longitude == pytest.approx(longitude, abs=NEAR)


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("AMSTERDAM", "Amsterdam"),
        ("  amsterdam ", "Amsterdam"),
        ("s-Hertogenbosch", "'s-Hertogenbosch"),
        ("'s Hertogenbosch", "'s-Hertogenbosch"),
        ("S-HERTOGENBOSCH", "'s-Hertogenbosch"),
        ("den bosch", "Den Bosch"),
        ("Den-Bosch", "Den Bosch"),
        ("alphen aan den rijn", "Alphen aan den Rijn"),
        ("Alphen-aan-den-Rijn", "Alphen aan den Rijn"),
        ("Alphen aan de Rijn", "Alphen aan den Rijn"),
        ("Capelle aan de Yssel", "Capelle aan den IJssel"),
        ("sudwest fryslan", "Súdwest-Fryslân"),
        ("SÚDWEST-FRYSLÂN", "Súdwest-Fryslân"),
        ("Noardeast Fryslan", "Noardeast-Fryslân"),
        ("Cuyk", "Cuijk"),
        ("St. Michielsgestel", "Sint-Michielsgestel"),
        ("Bergen NH", "Bergen (NH)"),
    ],
)
def test_offline_ignores_case_accents_and_separators(typed, label):
    result = OfflineGeocoder().locate(city=typed)

    assert result is not None
    assert result.label == label


@pytest.mark.parametrize("city", ["Atlantis", "Springfield", "", "   ", "-", "1234 AB"])
def test_offline_returns_none_for_unknown_places(city):
    assert OfflineGeocoder().locate(city=city) is None


def test_offline_cannot_locate_a_postal_code_alone():
    assert OfflineGeocoder().locate(postal_code="3511 AB") is None


def test_offline_uses_the_city_when_a_postal_code_comes_with_it():
    with_code = OfflineGeocoder().locate(postal_code="9999 ZZ", city="Utrecht")

    assert with_code == OfflineGeocoder().locate(city="Utrecht")
    assert with_code is not None
    assert with_code.label == "Utrecht"


@pytest.mark.parametrize(
    ("city", "latitude", "longitude", "other_latitude", "other_longitude"),
    [
        # Hengelo in Twente (82,000) and the village in Bronckhorst (4,500).
        ("Hengelo", 52.266, 6.793, 52.051, 6.310),
        # Winsum in Groningen and the smaller one in Friesland.
        ("Winsum", 53.330, 6.521, 53.152, 5.634),
    ],
)
def test_offline_takes_the_most_populous_of_places_with_one_name(
    city, latitude, longitude, other_latitude, other_longitude
):
    rows = [row for row in _csv_rows() if row["name"] == city and row["kind"] == "place"]
    assert len(rows) == 2
    assert {(round(float(r["latitude"]), 3), round(float(r["longitude"]), 3)) for r in rows} == {
        (latitude, longitude),
        (other_latitude, other_longitude),
    }

    result = OfflineGeocoder().locate(city=city)

    assert result is not None
    assert (round(result.latitude, 3), round(result.longitude, 3)) == (latitude, longitude)


def test_offline_prefers_a_place_name_to_a_more_populous_alternate_spelling(tmp_path):
    data = _write_places(
        tmp_path / "places.csv",
        [
            ("Horn", 51.85, 5.00, 900_000, "alternate"),
            ("Horn", 51.20, 5.95, 1_500, "place"),
            ("Grootdorp", 52.00, 5.00, 50_000, "place"),
            ("Groot-Dorp", 52.50, 5.50, 80_000, "place"),
            ("Den Stad", 52.10, 4.30, 0, "alias"),
            ("Den Stad", 52.90, 6.00, 10_000, "place"),
        ],
    )
    geocoder = OfflineGeocoder(data_path=data)

    assert geocoder.locate(city="horn") == GeocodeResult(51.20, 5.95, "Horn", "city")
    assert geocoder.locate(city="Grootdorp") == GeocodeResult(52.50, 5.50, "Groot-Dorp", "city")
    assert geocoder.locate(city="Den Stad") == GeocodeResult(52.10, 4.30, "Den Stad", "city")


def test_place_list_is_large_sorted_and_of_known_kinds():
    rows = _csv_rows()

    assert len(rows) >= 1500
    assert list(rows[0]) == ["name", "latitude", "longitude", "population", "kind"]
    assert {row["kind"] for row in rows} == {"place", "alternate", "alias", "municipality"}
    assert sum(row["kind"] == "place" for row in rows) >= 1500
    order = [
        (
            r["name"].casefold(),
            r["name"],
            r["kind"],
            -int(r["population"]),
            float(r["latitude"]),
            float(r["longitude"]),
        )
        for r in rows
    ]
    assert order == sorted(order)
    for row in rows:
        assert 50.7 <= float(row["latitude"]) <= 53.6, row
        assert 3.3 <= float(row["longitude"]) <= 7.3, row


def test_every_municipality_of_2025_is_found():
    assert len(MUNICIPALITIES_2025) == len(set(MUNICIPALITIES_2025)) == 342
    geocoder = OfflineGeocoder()

    missing = [name for name in MUNICIPALITIES_2025 if geocoder.locate(city=name) is None]

    assert missing == []


@pytest.mark.parametrize(
    ("name", "latitude", "longitude"),
    [
        ("Dinkelland", 52.3667, 6.9167),  # its seat Denekamp is not in the source
        ("Vijfheerenlanden", 51.9333, 5.0667),  # by Meerkerk, its seat
    ],
)
def test_the_municipalities_without_a_seat_in_the_source_lie_where_wikipedia_puts_them(
    name, latitude, longitude
):
    found = OfflineGeocoder().locate(city=name)

    assert found is not None
    assert (found.label, found.latitude, found.longitude) == (name, latitude, longitude)


def test_municipality_rows_are_exactly_the_non_place_municipalities():
    rows = _csv_rows()
    place_keys = {place_key(r["name"]) for r in rows if r["kind"] == "place"}
    municipality_names = {r["name"] for r in rows if r["kind"] == "municipality"}

    expected = {name for name in MUNICIPALITIES_2025 if place_key(name) not in place_keys} - {
        "'s-Gravenhage"
    }  # an alias of The Hague

    assert municipality_names == expected


@pytest.mark.parametrize(
    "name",
    [
        "'s-Hertogenbosch",
        "Súdwest-Fryslân",
        "Alphen aan den Rijn",
        "Capelle a.d. IJssel",
        "St. Jansklooster",
        "Cuyk",
        "Ĳmuiden",
        "Nuenen, Gerwen en Nederwetten",
        "",
    ],
)
def test_build_script_matches_names_the_way_the_geocoder_does(name):
    assert _load_build_script().place_key(name) == place_key(name)


# --- PDOK Locatieserver ------------------------------------------------------


@dataclass
class _Reply:
    status: int = 200
    body: bytes = b""
    delay: float = 0.0


@dataclass
class _Locatieserver:
    """What the local server answers next, and the request paths it received."""

    reply: _Reply = field(default_factory=_Reply)
    then: list[_Reply] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def answer(self, *, fixture: str = "", body: bytes = b"", status: int = 200, delay=0.0):
        if fixture:
            body = (FIXTURES / fixture).read_bytes()
        self.reply = _Reply(status=status, body=body, delay=delay)

    def answer_in_turn(self, *fixtures: str) -> None:
        """One fixture for each request in turn."""
        self.then = [_Reply(body=(FIXTURES / fixture).read_bytes()) for fixture in fixtures]

    def next_reply(self) -> _Reply:
        return self.then.pop(0) if self.then else self.reply

    def queries(self) -> list[dict[str, list[str]]]:
        for path in self.paths:
            assert urlsplit(path).path == f"{PDOK_PATH}/free"
        return [parse_qs(urlsplit(path).query) for path in self.paths]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address):
        """A client that gave up (the timeout test) is no error here."""


@pytest.fixture
def locatieserver(settings) -> Iterator[_Locatieserver]:
    state = _Locatieserver()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state.paths.append(self.path)
            reply = state.next_reply()
            if reply.delay:
                time.sleep(reply.delay)
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, format, *args):
            pass

    server = _QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.PDOK_LOCATIESERVER_URL = f"http://127.0.0.1:{server.server_port}{PDOK_PATH}"
    settings.GEOCODER_TIMEOUT_SECONDS = 2.0
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _expected_query(q: str, kind: str) -> dict[str, list[str]]:
    return {
        "q": [q],
        "fq": [f"type:{kind}"],
        "rows": ["1"],
        "fl": ["weergavenaam,type,centroide_ll,postcode,woonplaatsnaam"],
    }


def test_pdok_locates_a_postal_code(locatieserver):
    locatieserver.answer(fixture="postcode_1012JS.json")

    result = PdokGeocoder().locate(postal_code="1012 JS")

    assert result == GeocodeResult(
        latitude=52.37303, longitude=4.89307, label="Dam, 1012JS Amsterdam", precision="postal_code"
    )
    assert locatieserver.queries() == [_expected_query("1012JS", "postcode")]


def test_pdok_takes_the_postal_code_when_its_town_is_the_city_given(locatieserver):
    locatieserver.answer(fixture="postcode_1012JS.json")

    result = PdokGeocoder().locate(postal_code="1012 JS", city="amsterdam ")

    assert result is not None
    assert result.precision == "postal_code"
    assert locatieserver.queries() == [_expected_query("1012JS", "postcode")]


def test_pdok_checks_a_city_that_is_not_the_postal_code_s_town(locatieserver):
    locatieserver.answer_in_turn("postcode_1012JS.json", "woonplaats_utrecht.json")

    result = PdokGeocoder().locate(postal_code="1012 JS", city="Utrecht")

    assert result is not None
    assert result.label == "Dam, 1012JS Amsterdam"
    assert locatieserver.queries() == [
        _expected_query("1012JS", "postcode"),
        _expected_query("Utrecht", "woonplaats"),
    ]


def test_pdok_finds_nothing_for_a_made_up_city_beside_a_real_postal_code(locatieserver):
    locatieserver.answer_in_turn("postcode_1012JS.json", "empty.json")

    assert PdokGeocoder().locate(postal_code="1012 JS", city="Nergenshuizen") is None
    assert len(locatieserver.paths) == 2


def test_pdok_does_not_take_a_neighbouring_postal_code_for_the_one_asked(locatieserver):
    locatieserver.answer(fixture="postcode_1012JS.json")

    alone = PdokGeocoder().locate(postal_code="1012 JT")
    locatieserver.answer_in_turn("postcode_1012JS.json", "woonplaats_utrecht.json")
    with_city = PdokGeocoder().locate(postal_code="1012 JT", city="Utrecht")

    assert alone is None
    assert with_city is not None
    assert (with_city.label, with_city.precision) == ("Utrecht, Utrecht, Utrecht", "city")


def test_pdok_refuses_a_point_off_the_globe(locatieserver, caplog):
    reply = json.loads((FIXTURES / "woonplaats_utrecht.json").read_text())
    reply["response"]["docs"][0]["centroide_ll"] = "POINT(500 95)"
    locatieserver.answer(body=json.dumps(reply).encode())

    with pytest.raises(GeocoderUnavailable):
        PdokGeocoder().locate(city="Utrecht")
    assert "off the globe" in caplog.text


def test_pdok_locates_a_city(locatieserver):
    locatieserver.answer(fixture="woonplaats_utrecht.json")

    result = PdokGeocoder().locate(city=" Utrecht ")

    assert result == GeocodeResult(
        latitude=52.09124, longitude=5.07474, label="Utrecht, Utrecht, Utrecht", precision="city"
    )
    assert locatieserver.queries() == [_expected_query("Utrecht", "woonplaats")]


def test_pdok_returns_none_when_nothing_matches(locatieserver):
    locatieserver.answer(fixture="empty.json")

    assert PdokGeocoder().locate(city="Atlantis") is None
    assert locatieserver.queries() == [_expected_query("Atlantis", "woonplaats")]


def test_pdok_asks_nothing_without_a_postal_code_or_city(locatieserver):
    assert PdokGeocoder().locate() is None
    assert PdokGeocoder().locate(postal_code=" ", city="  ") is None
    assert locatieserver.paths == []


def test_pdok_takes_url_and_timeout_given_to_it_over_the_settings(locatieserver, settings):
    locatieserver.answer(fixture="woonplaats_utrecht.json")
    base_url = settings.PDOK_LOCATIESERVER_URL
    settings.PDOK_LOCATIESERVER_URL = "https://unused.invalid/locatieserver"

    result = PdokGeocoder(base_url=base_url + "/", timeout=1.0).locate(city="Utrecht")

    assert result is not None
    assert result.label == "Utrecht, Utrecht, Utrecht"
    assert len(locatieserver.paths) == 1


def test_pdok_server_error_makes_it_unavailable(locatieserver, caplog):
    locatieserver.answer(status=500, body=b'{"message": "Internal Server Error"}')

    with (
        caplog.at_level(logging.WARNING, logger="apps.core.geocoding"),
        pytest.raises(GeocoderUnavailable),
    ):
        PdokGeocoder().locate(city="Utrecht")

    assert [r.getMessage() for r in caplog.records] == [
        "PDOK Locatieserver answered 500 for 'Utrecht'"
    ]


def test_pdok_non_200_success_makes_it_unavailable(locatieserver):
    locatieserver.answer(status=204)

    with pytest.raises(GeocoderUnavailable, match="answered 204"):
        PdokGeocoder().locate(city="Utrecht")


@pytest.mark.parametrize(
    "body",
    [
        b'{"response": {"numFound": 1, "docs": [',
        b"<html>Service Unavailable</html>",
        b"",
        b"[]",
        b'{"response": {}}',
        b'{"response": {"docs": [{"type": "woonplaats", "weergavenaam": "Utrecht"}]}}',
        b'{"response": {"docs": [{"type": "woonplaats", "weergavenaam": "Utrecht",'
        b' "centroide_ll": "POLYGON((5 52, 5.1 52, 5 52.1, 5 52))"}]}}',
        b'{"response": {"docs": [{"type": "gemeente", "weergavenaam": "Utrecht",'
        b' "centroide_ll": "POINT(5.07 52.09)"}]}}',
    ],
)
def test_pdok_malformed_reply_makes_it_unavailable(locatieserver, caplog, body):
    locatieserver.answer(body=body)

    with (
        caplog.at_level(logging.WARNING, logger="apps.core.geocoding"),
        pytest.raises(GeocoderUnavailable),
    ):
        PdokGeocoder().locate(city="Utrecht")

    assert len(caplog.records) == 1
    assert caplog.records[0].levelname == "WARNING"


def test_pdok_closed_port_makes_it_unavailable(settings, closed_port, caplog):
    settings.PDOK_LOCATIESERVER_URL = f"http://127.0.0.1:{closed_port}{PDOK_PATH}"

    with (
        caplog.at_level(logging.WARNING, logger="apps.core.geocoding"),
        pytest.raises(GeocoderUnavailable, match="could not be reached"),
    ):
        PdokGeocoder().locate(city="Utrecht")

    assert (
        caplog.records[0]
        .getMessage()
        .startswith("PDOK Locatieserver could not be reached for 'Utrecht'")
    )


def test_pdok_slow_answer_times_out(locatieserver, settings):
    locatieserver.answer(fixture="woonplaats_utrecht.json", delay=1.5)
    settings.GEOCODER_TIMEOUT_SECONDS = 0.2

    started = time.monotonic()
    with pytest.raises(GeocoderUnavailable, match="could not be reached"):
        PdokGeocoder().locate(city="Utrecht")

    assert time.monotonic() - started < 1.2
    assert len(locatieserver.paths) == 1


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/locatieserver", "127.0.0.1:8000/search"]
)
def test_pdok_refuses_urls_that_are_not_http(settings, url):
    settings.PDOK_LOCATIESERVER_URL = url

    with pytest.raises(ImproperlyConfigured):
        PdokGeocoder().locate(city="Utrecht")


# --- Choosing the backend ----------------------------------------------------


def test_get_geocoder_is_offline_by_default():
    geocoder = get_geocoder()

    assert type(geocoder) is OfflineGeocoder
    assert get_geocoder() is geocoder


def test_get_geocoder_honours_the_setting(settings):
    settings.GEOCODER_BACKEND = "apps.core.geocoding.PdokGeocoder"
    pdok = get_geocoder()

    settings.GEOCODER_BACKEND = "apps.core.geocoding.OfflineGeocoder"
    offline = get_geocoder()

    assert type(pdok) is PdokGeocoder
    assert type(offline) is OfflineGeocoder
    settings.GEOCODER_BACKEND = "apps.core.geocoding.PdokGeocoder"
    assert get_geocoder() is pdok


def test_get_geocoder_refuses_a_class_that_is_not_a_geocoder(settings):
    settings.GEOCODER_BACKEND = "collections.OrderedDict"

    with pytest.raises(ImproperlyConfigured):
        get_geocoder()


def test_geocode_asks_the_configured_backend(settings, locatieserver):
    locatieserver.answer(fixture="postcode_1012JS.json")

    offline = geocode(postal_code="1012 JS", city="Amsterdam")
    settings.GEOCODER_BACKEND = "apps.core.geocoding.PdokGeocoder"
    online = geocode(postal_code="1012 JS", city="Amsterdam")

    assert offline is not None
    assert (offline.label, offline.precision) == ("Amsterdam", "city")
    assert online is not None
    assert (online.label, online.precision) == ("Dam, 1012JS Amsterdam", "postal_code")
    assert locatieserver.queries() == [_expected_query("1012JS", "postcode")]


@pytest.mark.django_db
def test_a_made_up_city_beside_a_stored_postal_code_is_a_400(locatieserver, settings, client_for):
    from apps.candidates.tests.factories import CandidateProfileFactory

    settings.GEOCODER_BACKEND = "apps.core.geocoding.PdokGeocoder"
    locatieserver.answer_in_turn("postcode_1012JS.json", "empty.json")
    candidate = CandidateProfileFactory(postal_code="1012 JS", city="Amsterdam")

    response = client_for(candidate.user).patch(
        "/api/v1/candidates/me/", {"city": "Nergenshuizen"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "place_not_found"
    assert response.json()["errors"][0]["attr"] == "city"
    candidate.refresh_from_db()
    assert candidate.city == "Amsterdam"
