"""Only administrators and superusers keep ``is_staff``: team roles, directors and funder
viewers used to get it, and with it the Django admin, a back door around the archive, the
lockout and the audit (security review, issue 13)."""

from django.db import migrations
from django.db.models import Q


def staff_flag_from_role(apps, schema_editor):
    User = apps.get_model("access", "User")
    Membership = apps.get_model("access", "Membership")
    administrators = Membership.objects.filter(role="admin").values("user")
    User.objects.filter(is_staff=True).exclude(Q(is_superuser=True) | Q(pk__in=administrators)).update(
        is_staff=False
    )


class Migration(migrations.Migration):
    dependencies = [("access", "0004_audit_log_append_only")]

    operations = [migrations.RunPython(staff_flag_from_role, migrations.RunPython.noop)]
