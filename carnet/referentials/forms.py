from django import forms

from .registry import ReferentialKind


def referential_form_class(kind: ReferentialKind) -> type[forms.ModelForm]:
    return forms.modelform_factory(kind.model, fields=kind.fields)
