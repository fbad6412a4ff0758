"""Small display helpers of the youth screens."""

import re

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carnet.youths.models import Youth

register = template.Library()

_ACRONYM = re.compile(r"\(([^()]+)\)\s*$")


@register.filter
def short_label(label: str | None) -> str:
    """ "Accompagnement Socio-Educatif Ponctuel (ASEP)" reads "ASEP" where room is short."""
    if not label:
        return ""
    match = _ACRONYM.search(label)
    return match.group(1) if match else label


@register.filter
def age_text(youth: Youth) -> str:
    """ "14 ans", or with only a birth year the age reached this year; empty when unknown."""
    age = youth.age_on(timezone.localdate())
    if age is None:
        return ""
    years = ngettext("%(age)s an", "%(age)s ans", age) % {"age": age}
    if youth.birth_date:
        return years
    return _("%(years)s cette année") % {"years": years}
