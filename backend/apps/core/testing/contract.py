"""Every answer the tests get is checked against the OpenAPI schema the API publishes.

`ContractClient` is DRF's test client that validates each response to a documented
operation (status code, content type, body) with openapi-core against the schema
drf-spectacular generates from the code, so the documentation cannot drift from
what the endpoints answer. Paths and methods the schema does not document (unknown
paths, a method an endpoint refuses with 405) are not checked.
"""

from functools import cache
from typing import Any

from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from rest_framework.test import APIClient


@cache
def published_schema() -> OpenAPI:
    from drf_spectacular.generators import SchemaGenerator

    # The project's own routes, whichever test first asks (some swap ROOT_URLCONF).
    generator = SchemaGenerator(urlconf="config.urls")
    return OpenAPI.from_dict(generator.get_schema(request=None, public=True))


def contract_errors(response: Any) -> str | None:
    """Why the response breaks the schema, or None (also when the schema is silent)."""
    request = getattr(response, "wsgi_request", None)
    if request is None or getattr(response, "streaming", False):
        return None
    try:
        published_schema().validate_response(
            DjangoOpenAPIRequest(request), DjangoOpenAPIResponse(response)
        )
    except (PathNotFound, OperationNotFound):
        return None
    except Exception as exc:  # every validation error openapi-core raises
        reasons = []
        error: BaseException | None = exc
        while error is not None:
            reasons.append(f"{type(error).__name__}: {error}")
            reasons.extend(f"  {detail.message}" for detail in getattr(error, "schema_errors", ()))
            error = error.__cause__
        return "\n".join(reasons)
    return None


class ContractClient(APIClient):
    """DRF's test client; a response that breaks the published schema fails the test."""

    def request(self, **kwargs: Any) -> Any:
        response = super().request(**kwargs)
        errors = contract_errors(response)
        if errors:
            request = response.wsgi_request
            raise AssertionError(
                f"{request.method} {request.get_full_path()} answered {response.status_code}, "
                f"which the OpenAPI schema does not allow:\n{errors}\n"
                f"body: {response.content[:600]!r}"
            )
        return response
