"""The test client checks answers against the published schema, and the check can fail."""

import pytest
from django.http import JsonResponse
from rest_framework.test import APIRequestFactory

from apps.core.testing.contract import ContractClient, contract_errors

factory = APIRequestFactory()


def answered(method: str, path: str, body: object, status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status, safe=False)
    response.wsgi_request = getattr(factory, method)(path)
    return response


ROOT = {
    "health": "http://testserver/health/",
    "schema": "http://testserver/api/schema/",
    "docs": "http://testserver/api/schema/swagger-ui/",
    "redoc": "http://testserver/api/schema/redoc/",
}


def test_an_answer_as_documented_passes():
    assert contract_errors(answered("get", "/api/v1/", ROOT)) is None


def test_a_missing_field_is_caught():
    errors = contract_errors(answered("get", "/api/v1/", {**ROOT, "docs": None}))

    assert errors is not None
    assert "None is not of type 'string'" in errors


def test_an_undocumented_status_is_caught():
    errors = contract_errors(answered("get", "/api/v1/", ROOT, status=409))

    assert errors is not None
    assert "409" in errors


def test_a_domain_error_code_fits_the_documented_error_shape():
    body = {
        "type": "validation_error",
        "errors": [{"code": "below_minimum_wage", "detail": "...", "attr": "hourly_wage"}],
    }

    assert contract_errors(answered("post", "/api/v1/jobs/", body, status=400)) is None
    assert contract_errors(answered("post", "/api/v1/jobs/", {"errors": []}, status=400))


def test_paths_and_methods_the_schema_does_not_document_are_not_checked():
    assert contract_errors(answered("get", "/api/v1/no-such-thing/", {"x": 1}, 404)) is None
    assert contract_errors(answered("put", "/api/v1/", {"x": 1}, 405)) is None


@pytest.mark.django_db
def test_the_client_fails_the_test_on_an_answer_outside_the_schema(monkeypatch):
    client = ContractClient()
    assert client.get("/api/v1/").status_code == 200

    monkeypatch.setattr("apps.core.views.reverse", lambda name, request: 42)

    with pytest.raises(AssertionError, match="GET /api/v1/ answered 200, which the OpenAPI"):
        client.get("/api/v1/")
