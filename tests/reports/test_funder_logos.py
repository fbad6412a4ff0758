"""The funders chosen for the title page show their logo when it was uploaded, their name otherwise."""

import pytest
from django.core.files.base import ContentFile

from carnet.organisations.models import Funder
from carnet.reports.services import funder_logos

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def test_uploaded_logo_is_read_as_a_local_file_and_a_missing_one_falls_back_to_the_name(
    organisation, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with_logo = Funder.objects.create(organisation=organisation, name="ANCT", level="state")
    with_logo.logo.save("anct.svg", ContentFile(SVG))
    without = Funder.objects.create(organisation=organisation, name="Département", level="departement")

    logos = {logo.name: logo.logo_src for logo in funder_logos([with_logo, without])}

    assert logos["ANCT"].startswith("file://") and logos["ANCT"].endswith("anct.svg")
    assert logos["Département"] is None
