from django.core.management.base import BaseCommand

from carnet.demo.catalogue import DEMO_PASSWORD
from carnet.demo.loader import list_demo_logins


class Command(BaseCommand):
    help = (
        "Affiche les comptes du jeu de démonstration, ce que chacun permet d'essayer, et leur mot de passe."
    )

    def handle(self, *args, **options):
        logins = list_demo_logins()
        if not logins:
            self.stdout.write("Jeu de démonstration non chargé : aucun compte de démonstration.")
            return
        self.stdout.write(f"Comptes de démonstration (mot de passe commun : {DEMO_PASSWORD})")
        width = max(len(login.username) for login in logins)
        for login in logins:
            line = f"  {login.username:<{width}}  {login.role} — {login.scope}"
            self.stdout.write(f"{line} : {login.description}" if login.description else line)
