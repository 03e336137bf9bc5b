import pytest
import yaml
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi_3(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    validate(schema)
    assert {"/health/", "/health/live/", "/health/ready/", "/api/v1/"} <= set(schema["paths"])


@pytest.mark.parametrize("path", ["/api/schema/swagger-ui/", "/api/schema/redoc/"])
def test_docs_pages_work_offline(api_client, path):
    response = api_client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn." not in html
    assert "unpkg" not in html


def test_api_root_links_the_docs(api_client):
    response = api_client.get("/api/v1/")

    assert response.status_code == 200
    assert response.json() == {
        "health": "http://testserver/health/",
        "schema": "http://testserver/api/schema/",
        "docs": "http://testserver/api/schema/swagger-ui/",
        "redoc": "http://testserver/api/schema/redoc/",
    }


@pytest.fixture(scope="module")
def schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def test_request_bodies_that_refuse_unknown_fields_say_so(schema):
    components = schema["components"]["schemas"]

    assert components["JobInputRequest"]["additionalProperties"] is False
    assert components["PatchedEmployerProfileInputRequest"]["additionalProperties"] is False
    # It takes back the read-only fields it shows (id, email...) and ignores them.
    assert "additionalProperties" not in components["PatchedUserRequest"]
    assert "additionalProperties" not in components["Job"]  # answers may grow


def test_only_the_role_views_become_any_of(schema):
    components = schema["components"]["schemas"]

    assert set(components["CandidateForViewer"]) == {"anyOf"}
    language = components["PatchedUserRequest"]["properties"]["preferred_language"]
    assert "oneOf" in language  # drf-spectacular's own "an enum, or blank" stays oneOf


def test_a_jobs_distance_is_documented_as_optional(schema):
    job = schema["components"]["schemas"]["Job"]

    assert "distance_km" in job["properties"]
    assert "distance_km" not in job["required"]
    assert "title" in job["required"]


def test_pages_are_documented_from_one(schema):
    search = schema["paths"]["/api/v1/jobs/"]["get"]["parameters"]
    notifications = schema["paths"]["/api/v1/notifications/"]["get"]["parameters"]

    for parameters in (search, notifications):
        by_name = {parameter["name"]: parameter["schema"] for parameter in parameters}
        assert by_name["page"] == {"type": "integer", "minimum": 1, "maximum": 999_999_999}
        assert by_name["page_size"] == {"type": "integer", "minimum": 1, "maximum": 100}


def test_role_dependent_views_are_any_of(schema):
    job = schema["components"]["schemas"]["JobForViewer"]

    assert job == {
        "anyOf": [
            {"$ref": "#/components/schemas/JobOwner"},
            {"$ref": "#/components/schemas/Job"},
        ]
    }
