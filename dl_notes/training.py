"""Training loops that combine the building blocks: mini-batches, optimizers, regularization.

Taught in: Course 2 ([overview](../../course2/index.md)).
"""

__all__: list[str] = []
