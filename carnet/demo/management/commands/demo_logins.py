from django.core.management.base import BaseCommand

from carnet.demo.catalogue import DEMO_PASSWORD
from carnet.demo.loader import list_demo_logins


class Command(BaseCommand):
    help = "Affiche les comptes du jeu de démonstration et leur mot de passe."

    def handle(self, *args, **options):
        logins = list_demo_logins()
        if not logins:
            self.stdout.write("Jeu de démonstration non chargé : aucun compte de démonstration.")
            return
        self.stdout.write(f"Comptes de démonstration (mot de passe commun : {DEMO_PASSWORD})")
        width = max(len(login.username) for login in logins)
        for login in logins:
            role = f"{login.role} : {login.description}" if login.description else login.role
            self.stdout.write(f"  {login.username:<{width}}  {role} — {login.scope}")
