"""JSON out through orjson: the same text as DRF's JSONRenderer, several times faster.

DRF renders with the standard library's encoder, a noticeable share of a busy
endpoint's time (a search page of 20 jobs). orjson writes the same compact
UTF-8; what it does not know, or would write differently (dates and times,
Decimals, lazy translations), goes to DRF's own encoder, so the text is DRF's.
A request for indented JSON (`Accept: application/json; indent=2`) gets DRF's.
"""

from collections.abc import Mapping
from typing import Any

import orjson
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder

_drf = JSONEncoder()
OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


class JSONRenderer(renderers.JSONRenderer):
    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        if self.get_indent(accepted_media_type or "", dict(renderer_context or {})):
            return super().render(data, accepted_media_type, renderer_context)
        text = orjson.dumps(data, default=_drf.default, option=OPTIONS)
        # As DRF: the two line separators escaped, so the JSON is also JavaScript.
        if b"\xe2\x80\xa8" in text or b"\xe2\x80\xa9" in text:
            text = text.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
        return text
