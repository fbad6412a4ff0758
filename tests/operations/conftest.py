"""One backup of the demo, made once for the module's tests, and what it must give back."""

import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings

from carnet.access.models import AuditEvent
from carnet.activity.models import Intervention
from carnet.operations import archive, signing
from carnet.operations.archive import backed_up_models, uses_natural_keys
from carnet.operations.backup import backup
from carnet.organisations.models import Funder
from carnet.youths.models import Youth

LOGO = b"\x89PNG\r\n\x1a\n" + b"logo du financeur" * 20


@dataclass(frozen=True)
class DemoBackup:
    path: Path
    tables: dict[str, list[tuple]]  # every row of every table, ids kept
    youth: dict  # one youth's situations and periods
    intervention: tuple  # one intervention's domains
    audit_lines: list[tuple]
    logo_name: str


def table_snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, ids of content types and permissions replaced by natural keys."""
    natural = {
        ContentType: {ct.pk: ct.natural_key() for ct in ContentType.objects.all()},
        Permission: {p.pk: p.natural_key() for p in Permission.objects.select_related("content_type")},
    }
    snapshot = {}
    for model in backed_up_models():
        fields = model._meta.concrete_fields
        rows = []
        for row in model._base_manager.values_list(*[f.attname for f in fields]):
            values = []
            for field, value in zip(fields, row, strict=True):
                if field.primary_key and uses_natural_keys(model):
                    continue
                if field.is_relation and field.related_model in natural:
                    value = natural[field.related_model].get(value)
                values.append(bytes(value) if isinstance(value, memoryview) else value)
            rows.append(tuple(values))
        snapshot[model._meta.label_lower] = sorted(rows, key=repr)
    return snapshot


def youth_record(youth: Youth) -> dict:
    return {
        "code": youth.code,
        "situations": [
            (change.since, change.situation.code)
            for change in youth.situation_changes.order_by("since", "pk")
        ],
        "periods": [
            (
                period.start,
                period.end,
                period.modality.code,
                sorted(u.username for u in period.referents.all()),
            )
            for period in youth.accompaniment_periods.order_by("start")
        ],
    }


def audit_lines() -> list[tuple]:
    return list(
        AuditEvent.objects.order_by("pk").values_list(
            "pk", "at", "username", "action", "target_type", "target_id", "target_label", "changes"
        )
    )


@pytest.fixture(scope="session")
def demo_backup(django_db_setup, django_db_blocker, tmp_path_factory) -> DemoBackup:
    folder = tmp_path_factory.mktemp("operations")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=folder / "media"):
        call_command("load_demo", stdout=StringIO())
        funder = Funder.objects.order_by("pk").first()
        funder.logo.save("logo.png", ContentFile(LOGO))  # an uploaded file, and an audit line
        youth = (
            Youth.objects.filter(accompaniment_periods__isnull=False, situation_changes__isnull=False)
            .distinct()
            .order_by("pk")
            .first()
        )
        intervention = next(i for i in Intervention.objects.order_by("pk") if i.domains.count() >= 2)
        demo = DemoBackup(
            path=folder / "demo.zip",
            tables=table_snapshot(),
            youth={"pk": youth.pk, **youth_record(youth)},
            intervention=(intervention.pk, sorted(d.code for d in intervention.domains.all())),
            audit_lines=audit_lines(),
            logo_name=funder.logo.name,
        )
        backup(demo.path)
        call_command("flush", interactive=False, verbosity=0)
    return demo


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def rewrite_backup(
    source: Path, target: Path, changes: dict[str, Callable[[bytes], bytes]], *, signed: bool = True
) -> Path:
    """A copy of the backup with some members changed (a well-formed zip, damaged content),
    signed again as Carnet would have signed it (``signed``), or left as an attacker could."""
    with zipfile.ZipFile(source) as original:
        members = {info.filename: original.read(info) for info in original.infolist()}
    for name, change in changes.items():
        members[name] = change(members[name])
    if signed:
        manifest = json.loads(members[archive.MANIFEST_NAME])
        for entry in manifest["tables"]:
            entry["sha256"] = hashlib.sha256(members[entry["file"]]).hexdigest()
        members[archive.MANIFEST_NAME] = json.dumps(manifest).encode()
        key = signing.backup_key(create=False)
        members[signing.SIGNATURE_NAME] = signing.sign(members[archive.MANIFEST_NAME], key).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for name, data in members.items():
            copy.writestr(name, data)
    return target


def member_name(path: Path, model_label: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return next(n for n in zf.namelist() if n.endswith(f"-{model_label}.jsonl"))
