"""JSON in through orjson: stricter than the standard library where Python's json lets harm in.

The standard library's parser accepts lone surrogates (`"\\ud800"`), which are
not text: echoed in an error message or encoded for a Redis key they became 500s.
A deeply nested body (100,000 brackets) exhausted the recursion limit, another
500. orjson refuses both, as it refuses what DRF's strict JSON refuses (NaN,
Infinity), and each is a 400 `parse_error`.
"""

from collections.abc import Mapping
from typing import IO, Any

import orjson
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        try:
            return orjson.loads(stream.read())
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
