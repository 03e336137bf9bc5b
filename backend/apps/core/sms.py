"""Sending SMS: one small interface, a backend per way of sending.

`SMS_BACKEND` names the backend. The console backend prints each message,
the file backend appends it as a JSON line to `SMS_FILE_PATH` (tests and
local runs read it); a provider's backend implements `send` the same way.
Production refuses to send (`NoSmsBackend`) until one is named: the console's
lines would put every phone code into the server's logs.
"""

import json
import sys
from abc import ABC, abstractmethod
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsBackend(ABC):
    @abstractmethod
    def send(self, *, to: str, body: str) -> None:
        """Send `body` to the E.164 number `to`, or raise."""


class ConsoleSmsBackend(SmsBackend):
    def send(self, *, to: str, body: str) -> None:
        sys.stdout.write(f"SMS to {to}: {body}\n")
        sys.stdout.flush()


class NoSmsBackend(SmsBackend):
    """Production's default until a provider is set: refuses, so no code lands in a log."""

    def send(self, *, to: str, body: str) -> None:
        raise ImproperlyConfigured(
            "No SMS provider: set SMS_BACKEND to a provider's backend to send texts."
        )


class FileSmsBackend(SmsBackend):
    def send(self, *, to: str, body: str) -> None:
        path = Path(settings.SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"to": to, "body": body, "sent_at": timezone.now().isoformat()})
        with path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def send_sms(*, to: str, body: str) -> None:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    backend.send(to=to, body=body)
