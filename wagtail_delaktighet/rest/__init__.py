"""The package's REST API, version 1, for front ends of their own.

Mounted at ``<package URLs>/api/v1/`` and on by default (``REST_API``).
Public and anonymous: reading dialogues, their blocks, published
contributions and results; taking part through the one participation
service; following a dialogue. See docs/api.md.
"""
