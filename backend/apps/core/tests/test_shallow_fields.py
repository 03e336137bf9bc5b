"""ShallowFieldsMixin: fields copied shallowly still validate apart, instance by instance."""

from rest_framework import serializers

from apps.core.serializers import ShallowFieldsMixin


class Params(ShallowFieldsMixin, serializers.Serializer):
    size = serializers.IntegerField(min_value=1, max_value=10)
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=["a", "b"]))


def test_each_instance_validates_with_fields_bound_to_it():
    first = Params(data={"size": "3", "kinds": ["a"]})
    second = Params(data={"size": "11", "kinds": ["c"]})

    assert first.is_valid()
    assert not second.is_valid()
    assert first.validated_data == {"size": 3, "kinds": ["a"]}
    assert second.errors == {
        "size": ["Ensure this value is less than or equal to 10."],
        "kinds": {0: ['"c" is not a valid choice.']},
    }
    assert first.fields["size"] is not second.fields["size"]
    assert first.fields["size"].parent is first
    assert second.fields["size"].parent is second


def test_the_declared_fields_stay_unbound():
    Params(data={"size": "3", "kinds": []}).is_valid()

    declared = Params._declared_fields["size"]
    assert declared.parent is None
    assert declared.field_name is None
    assert declared.source is None
