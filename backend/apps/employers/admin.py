"""The verification queue in the Django admin: the same services as the API, with a reason form."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from rest_framework.exceptions import APIException, ValidationError

from apps.core.admin import ViewOnlyAdmin
from apps.core.requests import client_ip
from apps.core.validators import validate_no_bsn
from apps.employers import services
from apps.employers.models import EmployerProfile


class DecisionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        required=False,
        max_length=2000,
        validators=[validate_no_bsn],  # the audit trail keeps it for good
    )


def _readable(detail: Any) -> str:
    """An API error's detail as one line of text: `field: message` for each field."""
    if isinstance(detail, dict):
        return " ".join(f"{field}: {_readable(value)}" for field, value in detail.items())
    if isinstance(detail, list):
        return " ".join(_readable(item) for item in detail)
    return str(detail)


def _decision_action(
    service: Callable[..., EmployerProfile], *, name: str, label: str, reason_required: bool
) -> Callable[..., HttpResponse | None]:
    def action(
        modeladmin: "EmployerProfileAdmin",
        request: HttpRequest,
        queryset: QuerySet[EmployerProfile],
    ) -> HttpResponse | None:
        form = DecisionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid() and reason_required and not form.cleaned_data["reason"].strip():
            form.add_error("reason", "Say why; the employer is told.")
        if form.is_valid():
            done = 0
            for employer in queryset:
                try:
                    service(
                        employer=employer,
                        moderator=request.user,
                        reason=form.cleaned_data["reason"],
                        ip=client_ip(request),
                    )
                    done += 1
                except (APIException, ValidationError) as exc:
                    modeladmin.message_user(
                        request, f"{employer}: {_readable(exc.detail)}", messages.ERROR
                    )
            if done:
                modeladmin.message_user(request, f"{label}: {done} employer(s).", messages.SUCCESS)
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": label,
            "employers": queryset,
            "form": form,
            "action": name,
            "opts": modeladmin.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/employers/employerprofile/decision.html", context)

    action.__name__ = name
    return admin.action(description=label, permissions=["moderate"])(action)


@admin.register(EmployerProfile)
class EmployerProfileAdmin(ViewOnlyAdmin):
    list_display = (
        "company_name",
        "kvk_number",
        "city",
        "verification_status",
        "verification_requested_at",
        "verified_at",
    )
    list_filter = ("verification_status", "is_staffing_agency", "sna_certified", "waadi_registered")
    search_fields = ("company_name", "kvk_number", "user__email", "city")
    ordering = ("verification_requested_at",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # The profile is the employer's: it changes through its own edits (services:
    # a new name or KvK number needs a new check, and every change is audited).
    # The admin shows it and takes decisions (the actions, moderators' and
    # superusers' alike).
    actions = (
        _decision_action(
            services.employer_approve, name="approve", label="Approve", reason_required=False
        ),
        _decision_action(
            services.employer_reject, name="reject", label="Reject", reason_required=True
        ),
        _decision_action(
            services.employer_suspend, name="suspend", label="Suspend", reason_required=True
        ),
    )

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        """The decisions are the moderators' (and superusers')."""
        user = request.user
        return bool(user.is_active and (user.is_superuser or getattr(user, "is_moderator", False)))
