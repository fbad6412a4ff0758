import io
import json

import pytest
from django.core.management import CommandError, call_command

from carnet.access.models import Membership, Role
from carnet.imports.columns import ImportKind
from carnet.imports.services import import_file
from carnet.organisations.models import Commune, Funder, Organisation, Quartier, Team
from carnet.referentials.models import Origin
from carnet.youths.models import Youth
from tests.imports.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def setup(*args, stdin: str | None = None) -> str:
    out = io.StringIO()
    options = {"stdout": out}
    if stdin is not None:
        options["stdin"] = io.StringIO(stdin)
    call_command("setup", *args, **options)
    return out.getvalue()


def test_one_command_with_a_file_gives_a_team_whose_youths_then_import(lens_plan):
    output = setup(str(lens_plan), "--base-url", "https://carnet.example.org")

    team = Team.objects.get(short_name="EPLL")
    assert team.organisation.name == "Prévention Lens-Liévin"
    assert "1 équipes, 2 communes, 2 quartiers, 2 financeurs, 2 comptes invités" in output
    assert output.count("https://carnet.example.org/invitation/") == 2
    rows = [
        ["N°", "Prénom", "Sexe", "Né(e) le", "Commune", "Quartier", "Origine"],
        ["L1", "Célia", "F", "28/08/2009", "Lens", "Grande Résidence", "Présence sociale"],
        ["L2", "Yanis", "G", "14/02/2008", "Liévin", "", "Partenaire"],
    ]
    report = import_file(
        team=team, kind=ImportKind.YOUTHS, content=csv_bytes(rows), filename="jeunes.csv", dry_run=False
    )
    assert report.ok, report.lines()
    assert sorted(Youth.objects.values_list("first_name", "commune__name")) == [
        ("Célia", "Lens"),
        ("Yanis", "Liévin"),
    ]


def test_the_file_installs_the_default_referentials_quartiers_funders_and_roles(lens_plan):
    setup(str(lens_plan))

    organisation = Organisation.objects.get()
    assert Origin.objects.filter(organisation=organisation, code="presence-sociale").exists()
    assert Commune.objects.get(name="Lens").insee_code == "62498"
    assert list(Quartier.objects.filter(is_qpv=True).values_list("name", flat=True)) == ["Grande Résidence"]
    assert list(Funder.objects.get(name="Ville de Lens").teams.values_list("short_name", flat=True)) == [
        "EPLL"
    ]
    assert Funder.objects.get(name="Département du Pas-de-Calais").teams.count() == 1
    roles = set(Membership.objects.values_list("user__username", "role", "team__short_name"))
    assert roles == {("nadia.benali", Role.ADMIN, None), ("claire.dupont", Role.TEAM_LEADER, "EPLL")}


def test_an_existing_organisation_is_refused_and_nothing_is_written(lens_plan):
    setup(str(lens_plan))

    with pytest.raises(CommandError, match="« Prévention Lens-Liévin » existe déjà"):
        setup(str(lens_plan))
    assert Team.objects.count() == 1 and Membership.objects.count() == 2


def test_a_mistake_deep_in_the_file_names_its_place_and_leaves_nothing(tmp_path, lens_plan):
    path = tmp_path / "association.json"
    document = {
        "organisation": {"nom": "Prévention Lens-Liévin"},
        "equipes": [{"nom": "EPLL", "communes": [{"nom": "Lens"}, {"nom": "Liévin", "code_insee": "6251"}]}],
    }
    path.write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(CommandError, match=r"equipes\[1\]\.communes\[2\] : « 6251 » n'est pas un code INSEE"):
        setup(str(path))
    assert not Organisation.objects.exists()


def test_flags_set_up_one_team_with_its_communes_quartiers_funder_and_an_invitation():
    output = setup(
        "--organisation",
        "Prévention Lens-Liévin",
        "--team",
        "Équipe de Lens",
        "--commune",
        "Lens:62498",
        "--commune",
        "Ajaccio:2a004",
        "--quartier",
        "Lens/Grande Résidence:qpv",
        "--funder",
        "Ville de Lens:commune",
        "--invite",
        "educateur:Karim Haddad:karim@example.org",
    )

    assert Commune.objects.get(name="Ajaccio").insee_code == "2A004"
    assert Quartier.objects.get().is_qpv
    membership = Membership.objects.get(user__username="karim.haddad")
    assert (membership.role, membership.team.name) == (Role.EDUCATOR, "Équipe de Lens")
    assert "/invitation/" in output


def test_questions_in_french_set_up_the_association():
    answers = "\n".join(
        [
            "Prévention Lens-Liévin",  # organisation
            "n",  # two-factor
            "Équipe de Lens",  # team
            "EPL",  # short name
            "Lens",  # commune
            "Grande Résidence",  # quartier
            "o",  # QPV
            "",  # no more quartiers
            "62498",  # INSEE
            "",  # no more communes
            "",  # no more teams
            "Ville de Lens",  # funder
            "commune",
            "",  # no more funders
            "Claire",
            "Dupont",
            "",
            "chef-de-service",
            "",  # team: the default, the first
            "",  # no more accounts
        ]
    )
    output = setup(stdin=answers + "\n")

    assert "Nom de l'organisation : " in output
    assert Quartier.objects.get(name="Grande Résidence").is_qpv
    assert Membership.objects.get(user__username="claire.dupont").team.short_name == "EPL"
    assert Funder.objects.get().level == "commune"


def test_a_file_that_is_not_toml_is_refused_in_french(tmp_path):
    path = tmp_path / "association.toml"
    path.write_text("organisation: Prévention Lens-Liévin\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"association\.toml illisible"):
        setup(str(path))
    assert not Organisation.objects.exists()
