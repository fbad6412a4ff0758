"""Report models: Carnet's built-ins, an association's copies and uploads, and what a model lacks."""

import pytest
from django.core.exceptions import ValidationError

from carnet.reports import model_library
from carnet.reports.build import build_report
from carnet.reports.model_needs import missing_figures
from carnet.reports.models import OrganisationReportModel
from carnet.reports.report_models import builtin_models, parse_model
from tests import factories

pytestmark = pytest.mark.django_db

MINIMAL = """
name = "Note au CCAS"
key_figures = ["youths"]

[[sections]]
key = "essentiel"
title = "L'essentiel"
blocks = ["narrative", "table:modality"]
text = "Nous avons rencontré {youths}."
"""


def test_carnet_ships_four_models_each_with_its_sections():
    models = builtin_models()
    assert set(models) == {"carnet", "anct", "departement", "commune"}
    assert models["anct"].name == "Bilan ANCT — modèle de l'EMPS de Montigny-en-Gohelle"
    assert [section.key for section in models["commune"].sections] == [
        "faits_marquants",
        "actions",
        "partenaires",
    ]
    assert models["departement"].target_age == (11, 18)


def test_a_model_with_mistakes_is_refused_with_each_mistake_named_in_french():
    source = MINIMAL.replace('"table:modality"', '"table:inconnue"').replace('["youths"]', '["jeunes"]')
    with pytest.raises(ValidationError) as error:
        parse_model("target_age = [18, 11]\n" + source, slug="x")
    messages = error.value.messages
    assert "Chiffre clé inconnu : « jeunes »." in messages
    assert "Section 1 : contenu inconnu « table:inconnue »." in messages
    assert any("target_age" in message for message in messages)


def test_a_file_that_is_not_toml_is_refused_in_french():
    with pytest.raises(ValidationError, match="n’est pas un fichier TOML valide"):
        parse_model("name = ", slug="x")


def test_an_association_copies_a_builtin_edits_its_copy_and_uses_it(organisation, team):
    leader = factories.MembershipFactory(team=team).user
    copy = model_library.model_copy(organisation=organisation, slug="anct", user=leader)
    assert copy.name == "Bilan ANCT — modèle de l'EMPS de Montigny-en-Gohelle (copie)"
    model_library.model_save(organisation=organisation, source=MINIMAL, user=leader, slug=copy.slug)
    models = model_library.models_for(organisation_id=organisation.pk)
    assert models[copy.slug].name == "Note au CCAS"
    assert list(models)[:4] == ["carnet", "anct", "commune", "departement"]


def test_a_builtin_cannot_be_overwritten_and_an_invalid_edit_keeps_the_old_text(organisation, team):
    leader = factories.MembershipFactory(team=team).user
    with pytest.raises(ValidationError, match="ne se modifie pas"):
        model_library.model_save(organisation=organisation, source=MINIMAL, user=leader, slug="anct")
    stored = model_library.model_save(organisation=organisation, source=MINIMAL, user=leader)
    with pytest.raises(ValidationError):
        model_library.model_save(organisation=organisation, source="name = 3", user=leader, slug=stored.slug)
    assert OrganisationReportModel.objects.get(pk=stored.pk).source == MINIMAL


def test_another_organisations_model_is_not_offered(organisation, team):
    other = factories.OrganisationFactory()
    leader = factories.MembershipFactory(team=team).user
    stored = model_library.model_save(organisation=other, source=MINIMAL, user=leader)
    assert stored.slug not in model_library.models_for(organisation_id=organisation.pk)


def test_the_departement_model_says_what_the_records_do_not_hold(scope, commune):
    factories.YouthFactory(commune=commune, birth_year=None)
    model = builtin_models()["departement"]
    report = build_report(scope=scope, options=model.table_options)
    missing = {item.label: item.reason for item in missing_figures(needs=model.needs, report=report)}
    assert "Carnet n’enregistre pas les familles rencontrées" in missing["Familles rencontrées"]
    assert "pas de durée" in missing["Temps d’accompagnement individuel"]
    assert missing["Âge des jeunes"].startswith("1 jeune du bilan n’a ni date ni année de naissance")
    assert missing["Quartier des jeunes"] == "1 jeune du bilan n’a pas de quartier dans sa fiche."
    assert "Aucun objectif de PAEI" in missing["Avancement des objectifs de PAEI"]
