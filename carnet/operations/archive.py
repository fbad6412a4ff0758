"""What a backup file holds, shared by ``backup`` and ``restore`` (the format is described in
``carnet.operations.backup``).

Every table is written on its own, the tables of many-to-many links included, parents
before children, with its primary keys: ids are kept, so the audit log's references to
records (``target_id``) stay true after a restore. Only the rows that ``migrate`` creates in
every database — content types and permissions — are written with natural keys, and so are
the references to them: their ids differ from one database to another.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, router
from django.db.migrations.loader import MigrationLoader
from django.db.models import Model

FORMAT = "carnet-backup"
FORMAT_VERSION = 2  # 2: signed (manifest with SHA-256 of members, signature.txt)
MANIFEST_NAME = "manifest.json"
DATA_DIR = "data/"
MEDIA_DIR = "media/"
README_NAME = "LISEZMOI.txt"

# Rows that migrate (post_migrate) creates in every database, with ids of its own.
NATURAL_KEY_MODELS = frozenset({"contenttypes.contenttype", "auth.permission"})


def uses_natural_keys(model: type[Model]) -> bool:
    return model._meta.label_lower in NATURAL_KEY_MODELS


# Not records: reports kept between requests and the count of writes that dates them (they
# name youths, and a restored database builds its reports anew).
NOT_BACKED_UP_APPS = frozenset({"kept_reports"})


def backed_up_models(using: str = DEFAULT_DB_ALIAS) -> list[type[Model]]:
    """Every table of the database that Django manages, parents before children."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and model._meta.app_label not in NOT_BACKED_UP_APPS
        and not model._meta.proxy
        and not model._meta.swapped
        and router.allow_migrate_model(using, model)
    ]
    return _parents_first(models)


def _parents_first(models: list[type[Model]]) -> list[type[Model]]:
    """Topological order over foreign keys, ties (and cycles) broken by the apps' order.

    Foreign keys are deferred to the commit on SQLite and PostgreSQL, so the order is not
    needed for them; it keeps the load plain for triggers and for a reader of the file.
    """
    position = {model: index for index, model in enumerate(models)}
    parents = {
        model: {
            field.related_model
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model in position and field.related_model is not model
        }
        for model in models
    }
    done: list[type[Model]] = []
    left = list(models)
    while left:
        placed = set(done)
        # The first model whose parents are all placed; in a cycle, the first model left.
        model = next((m for m in left if parents[m] <= placed), left[0])
        done.append(model)
        left.remove(model)
    return done


def kind_label(model: type[Model]) -> str:
    """The French name of a table's rows, for the summaries."""
    opts = model._meta
    if opts.auto_created:  # the links of a many-to-many field
        parent = opts.auto_created
        field = next(
            (f for f in parent._meta.local_many_to_many if f.remote_field.through is model),
            None,
        )
        field_name = str(field.verbose_name) if field is not None else opts.model_name
        return f"{parent._meta.verbose_name_plural} – {field_name} (liens)"
    return str(opts.verbose_name_plural)


@dataclass(frozen=True)
class SchemaState:
    applied: dict[str, list[str]]  # app label → the migrations of the code, all applied
    latest: dict[str, str]  # app label → its latest migration
    pending: list[str]  # "app.migration" known to the code but not applied to the database
    unknown: list[str]  # "app.migration" applied to the database but unknown to the code


def schema_state(connection) -> SchemaState:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    nodes = set(loader.graph.nodes)
    applied_in_db = set(loader.applied_migrations)
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(nodes & applied_in_db):
        applied.setdefault(app_label, []).append(name)
    latest: dict[str, str] = {}
    for app_label, name in sorted(loader.graph.leaf_nodes()):
        latest[app_label] = name
    known_apps = {app_label for app_label, _ in nodes}
    return SchemaState(
        applied=applied,
        latest=latest,
        pending=sorted(f"{a}.{n}" for a, n in nodes - applied_in_db),
        # Migrations of apps that are no longer installed are not the code's business.
        unknown=sorted(f"{a}.{n}" for a, n in applied_in_db - nodes if a in known_apps),
    )


class Encoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's stops at milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    """JSON Lines, one row a line; natural keys only towards content types and permissions.

    Many-to-many links are not written inline: their tables are written on their own.
    """

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = uses_natural_keys(field.remote_field.model)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        pass


def now_iso() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


# --- Wording of the summaries and messages ------------------------------------------------
def listing(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(f"« {name} »" for name in names[:limit])
    return shown + (f" et {len(names) - limit} autre(s)" if len(names) > limit else "")


def number(value: int) -> str:
    """12 345, with the narrow no-break space of French typography."""
    return f"{value:,}".replace(",", "\u202f")


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} Mo".replace(".", ",")


def seconds(value: float) -> str:
    return f"{value:.1f} s".replace(".", ",")


def totals(rows: int, media_files: int) -> str:
    return f"{number(rows)} enregistrements, {number(media_files)} fichier(s) téléversé(s)"


def count_lines(labels: dict[str, str], counts: dict[str, int]) -> list[str]:
    """One line per kind of record that has any: "  - Jeunes : 1 234"."""
    return [f"  - {labels[label]} : {number(count)}" for label, count in counts.items() if count]
