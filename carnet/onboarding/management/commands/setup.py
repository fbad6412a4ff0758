"""bin/carnet setup association.toml           (or .json: the whole association in one file)
bin/carnet setup --organisation "Prévention Lens-Liévin" --team "Équipe de Lens" \
    --commune "Lens:62498" --quartier "Lens/Grande Résidence:qpv" --funder "Ville de Lens:commune" \
    --invite "chef-de-service:Claire Dupont:claire@example.org"
bin/carnet setup                                (questions, one after the other)"""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from carnet.onboarding.plan import PlanProblem, read_plan, setup_association


class Command(BaseCommand):
    help = (
        "Met en route une nouvelle association : organisation (avec les référentiels par défaut), "
        "équipes, communes, quartiers, financeurs, et comptes invités. Tout ou rien ; une "
        "organisation qui existe déjà est refusée."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="description complète de l'association (TOML ou JSON)")
        parser.add_argument("--organisation", help="nom de l'organisation")
        parser.add_argument("--two-factor", action="store_true", help="double authentification obligatoire")
        parser.add_argument("--team", help="nom de l'équipe")
        parser.add_argument("--short-name", default="", help="sigle de l'équipe")
        parser.add_argument("--commune", action="append", default=[], help="NOM[:CODE_INSEE], répétable")
        parser.add_argument("--quartier", action="append", default=[], help="COMMUNE/NOM[:qpv], répétable")
        parser.add_argument("--funder", action="append", default=[], help="NOM[:NIVEAU], répétable")
        parser.add_argument(
            "--invite",
            action="append",
            default=[],
            help="ROLE:Prénom Nom[:courriel], répétable (les rôles d'équipe vont dans --team)",
        )
        parser.add_argument("--base-url", default="", help="adresse du site, pour écrire les liens en entier")

    def handle(self, *args, file, base_url, **options):
        self.input = options.get("stdin") or sys.stdin
        try:
            if file:
                path = Path(file)
                if not path.is_file():
                    raise CommandError(f"Fichier introuvable : {path}")
                document = read_plan(path.read_text(encoding="utf-8-sig"), filename=path.name)
            elif options["organisation"]:
                document = self._from_flags(options)
            else:
                document = self._from_questions()
            result = setup_association(document=document, base_url=base_url)
        except PlanProblem as problem:
            raise CommandError(f"{problem} Rien n'a été enregistré.") from problem
        counts = ", ".join(f"{count} {what}" for what, count in result.counts.items())
        self.stdout.write(
            f"Organisation « {result.organisation} » créée avec les référentiels par défaut : {counts}."
        )
        for issued in result.invitations:
            user = issued.invitation.user
            mailed = " (envoyé par courriel)" if issued.mailed else ""
            self.stdout.write(
                f"Invitation de {user.get_full_name()} (identifiant {user.username}), valable 72 h, "
                f"à transmettre{mailed} : {issued.url(base_url)}"
            )
        if result.invitations and not (base_url or settings.CARNET_BASE_URL):
            self.stdout.write(
                "Les liens commencent par l'adresse du site (par exemple https://carnet.example.org) : "
                "donnez-la avec --base-url ou CARNET_BASE_URL pour les avoir en entier."
            )

    def _from_flags(self, options) -> dict:
        team = options["team"]
        if (options["commune"] or options["quartier"]) and not team:
            raise CommandError("--commune et --quartier demandent --team.")
        communes: dict[str, dict] = {}
        for value in options["commune"]:
            name, _sep, code = value.partition(":")
            communes[name.strip()] = {"nom": name.strip(), "code_insee": code.strip(), "quartiers": []}
        for value in options["quartier"]:
            commune, sep, rest = value.partition("/")
            if not sep or commune.strip() not in communes:
                raise CommandError(
                    f"--quartier « {value} » : écrivez COMMUNE/NOM, avec une commune de --commune."
                )
            name, _sep, flag = rest.partition(":")
            communes[commune.strip()]["quartiers"].append(
                {"nom": name.strip(), "qpv": flag.strip().lower() == "qpv"}
            )
        accounts = []
        for value in options["invite"]:
            parts = [part.strip() for part in value.split(":")]
            if len(parts) < 2 or not parts[1]:
                raise CommandError(f"--invite « {value} » : écrivez ROLE:Prénom Nom[:courriel].")
            first_name, _sep, last_name = parts[1].partition(" ")
            accounts.append(
                {
                    "role": parts[0],
                    "prenom": first_name,
                    "nom": last_name,
                    "courriel": parts[2] if len(parts) > 2 else "",
                    "equipe": team or "",
                }
            )
        return {
            "organisation": {
                "nom": options["organisation"],
                "double_authentification": options["two_factor"],
            },
            "equipes": [{"nom": team, "sigle": options["short_name"], "communes": list(communes.values())}]
            if team
            else [],
            "financeurs": [
                {"nom": name, "niveau": level or "other"}
                for name, _sep, level in (value.partition(":") for value in options["funder"])
            ],
            "comptes": accounts,
        }

    # --- Questions --------------------------------------------------------------------
    def _ask(self, question: str, default: str = "") -> str:
        suffix = f" [{default}]" if default else ""
        self.stdout.write(f"{question}{suffix} : ", ending="")
        self.stdout.flush()
        line = self.input.readline()
        if not line:
            raise CommandError("Saisie interrompue : rien n'a été enregistré.")
        return line.strip() or default

    def _yes(self, question: str) -> bool:
        return self._ask(f"{question} (o/n)", "n").lower().startswith("o")

    def _from_questions(self) -> dict:
        self.stdout.write("Mise en route d'une nouvelle association. Laissez vide pour passer.")
        document: dict = {
            "organisation": {
                "nom": self._ask("Nom de l'organisation"),
                "double_authentification": self._yes("Double authentification obligatoire ?"),
            },
            "equipes": [],
            "financeurs": [],
            "comptes": [],
        }
        while team := self._ask("Nom d'une équipe (vide : fini)"):
            entry = {"nom": team, "sigle": self._ask("  Sigle"), "communes": []}
            while commune := self._ask(f"  Commune couverte par {team} (vide : fini)"):
                quartiers = []
                while quartier := self._ask(f"    Quartier de {commune} (vide : fini)"):
                    quartiers.append({"nom": quartier, "qpv": self._yes("    Quartier prioritaire (QPV) ?")})
                code = self._ask("    Code INSEE (facultatif)")
                entry["communes"].append({"nom": commune, "code_insee": code, "quartiers": quartiers})
            document["equipes"].append(entry)
        while funder := self._ask("Financeur (vide : fini)"):
            level = self._ask("  Niveau (commune, departement, etat, autre)", "autre")
            document["financeurs"].append({"nom": funder, "niveau": level})
        while first_name := self._ask("Prénom d'une personne à inviter (vide : fini)"):
            account = {
                "prenom": first_name,
                "nom": self._ask("  Nom"),
                "courriel": self._ask("  Courriel (facultatif)"),
                "role": self._ask(
                    "  Rôle (educateur, chef-de-service, directeur, financeur, administrateur)", "educateur"
                ),
            }
            if document["equipes"]:
                account["equipe"] = self._ask(
                    "  Équipe (pour éducateur et chef de service)", document["equipes"][0]["nom"]
                )
            document["comptes"].append(account)
        return document
