import uuid

import factory

from apps.safety.models import AuditEvent
from apps.users.tests.factories import ModeratorFactory


class AuditEventFactory(factory.django.DjangoModelFactory[AuditEvent]):
    class Meta:
        model = AuditEvent

    actor = factory.SubFactory(ModeratorFactory)
    actor_email = factory.LazyAttribute(lambda event: event.actor.email if event.actor else "")
    action = "employer.approved"
    target_type = "employer"
    target_id = factory.LazyFunction(lambda: str(uuid.uuid4()))
    before = factory.LazyFunction(lambda: {"verification_status": "pending"})
    after = factory.LazyFunction(lambda: {"verification_status": "approved"})
