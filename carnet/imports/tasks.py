"""The background import (django-tasks, database backend; ``make run`` starts the worker)."""

from django_tasks import task

from . import jobs


@task()
def run_import(*, token: str) -> dict:
    return jobs.run(token)
