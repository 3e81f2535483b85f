"""A task backend that stands for one a worker process runs (such as
django_tasks_db's), for the deploy checks' tests."""

from django_tasks.backends.base import BaseTaskBackend


class WorkerBackend(BaseTaskBackend):
    def enqueue(self, task, args, kwargs):
        raise NotImplementedError("Only its class is looked at.")
