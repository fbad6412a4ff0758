import pytest

LENS_TOML = """
[organisation]
nom = "Prévention Lens-Liévin"

[[equipes]]
nom = "Équipe de Lens et Liévin"
sigle = "EPLL"
debut = 2024-01-15
communes = [
  { nom = "Lens", code_insee = "62498", quartiers = [
    { nom = "Grande Résidence", qpv = true },
    { nom = "Centre" },
  ] },
  { nom = "Liévin", code_insee = "62510" },
]

[[financeurs]]
nom = "Département du Pas-de-Calais"
niveau = "departement"

[[financeurs]]
nom = "Ville de Lens"
niveau = "commune"
equipes = ["EPLL"]

[[comptes]]
prenom = "Nadia"
nom = "Benali"
courriel = "nadia.benali@example.org"
role = "administratrice"

[[comptes]]
prenom = "Claire"
nom = "Dupont"
role = "chef-de-service"
equipe = "EPLL"
"""


@pytest.fixture
def lens_plan(tmp_path):
    path = tmp_path / "association.toml"
    path.write_text(LENS_TOML, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
