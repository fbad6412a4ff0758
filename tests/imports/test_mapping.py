from carnet.imports.columns import ImportKind, ValueType
from carnet.imports.mapping import ValueMatcher, propose_columns


def test_headers_are_matched_to_fields_by_their_usual_names_whatever_accents_and_case():
    mapping = propose_columns(
        ImportKind.YOUTHS, ["N°", "PSEUDO", "genre", "Né(e) le", "Année de naissance", "ville", "Remarques"]
    )
    fields = {mapping.headers[position]: column.field for position, column in mapping.by_position.items()}
    assert fields == {
        "N°": "external_id",
        "PSEUDO": "nickname",
        "genre": "sex",
        "Né(e) le": "birth_date",
        "Année de naissance": "birth_year",
        "ville": "commune",
    }
    assert mapping.ignored == ["Remarques"]


def test_the_users_mapping_overrides_the_proposal():
    mapping = propose_columns(
        ImportKind.YOUTHS, ["Nom d'usage", "Ville"], {"Nom d'usage": "Prénom", "Ville": None}
    )
    assert [column.field for column in mapping.by_position.values()] == ["first_name"]


def test_values_are_matched_to_referentials_by_label_code_or_simple_variant(team, montigny):
    matcher = ValueMatcher(team=team)
    assert matcher.match(ValueType.SITUATION, "Scolarisé(e)").code == "scolarise"
    assert matcher.match(ValueType.SITUATION, "  EN RUPTURE ").code == "rupture"
    assert matcher.match(ValueType.DOMAINS, "sante").code == "sante"
    assert matcher.match(ValueType.ORIGIN, "presence-sociale").code == "presence-sociale"
    assert matcher.match(ValueType.COMMUNE, "montigny en gohelle") == montigny
    for raw in ("H", "Homme", "M", "Garçon"):
        assert matcher.match(ValueType.SEX, raw) == "H"
    for raw in ("F", "femme", "Fille"):
        assert matcher.match(ValueType.SEX, raw) == "F"
