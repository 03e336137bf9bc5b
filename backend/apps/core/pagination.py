import re
from typing import Any

from django.core.paginator import Page
from django.db.models import QuerySet
from rest_framework import pagination
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from apps.core.exceptions import field_error

_PAGE_RE = re.compile(r"[1-9][0-9]{0,8}")
# What a client should send. The server is kinder: `page=last` is the last page, a
# page_size over 100 is taken as 100 and a malformed one as the default (DRF's way).
PAGE_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 999_999_999}
PAGE_SIZE_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 100}


class PageNumberPagination(pagination.PageNumberPagination):
    """`page` and `page_size` (default 20, at most 100), as the contract says.

    A page past the end is an empty page (the count says how many there are);
    a page that is not a positive number is a 400.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(
        self, queryset: QuerySet[Any] | list[Any], request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        raw = request.query_params.get(self.page_query_param, "1")
        if raw != "last" and not _PAGE_RE.fullmatch(raw):
            raise field_error("page", "A page is a number from 1.", "invalid")
        try:
            return super().paginate_queryset(queryset, request, view)  # type: ignore[arg-type]
        except NotFound:
            page_size = self.get_page_size(request) or self.page_size
            paginator = self.django_paginator_class(queryset, page_size)
            self.request = request
            self.page = Page([], int(raw), paginator)
            return []

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = PAGE_SCHEMA
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = PAGE_SIZE_SCHEMA
        return parameters

    def get_previous_link(self) -> str | None:
        if self.page is None or self.request is None:
            return None
        if self.page.number > max(self.page.paginator.num_pages, 1):
            # Past the end: "previous" is the last page there is.
            return replace_query_param(
                self.request.build_absolute_uri(),
                self.page_query_param,
                max(self.page.paginator.num_pages, 1),
            )
        return super().get_previous_link()
