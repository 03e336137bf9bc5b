from django.apps import AppConfig


class TestAppConfig(AppConfig):
    name = "apps.core.tests.testapp"
    label = "core_testapp"
