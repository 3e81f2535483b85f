"""Calling the REST API as a client of another origin would."""

import json

API = "/delaktighet/api/v1/"


def new_token(client):
    response = client.post(f"{API}participants/")
    assert response.status_code == 201, response.content
    return response.json()["token"]


def post_json(client, path, body, *, token=None, key=None, **headers):
    if token:
        headers["HTTP_X_PARTICIPANT_TOKEN"] = token
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(
        path, json.dumps(body), content_type="application/json", **headers
    )


def contributions_url(block):
    return f"{API}dialogues/{block.page.pk}/blocks/{block.id}/contributions/"


def contribute(client, block, body, **kwargs):
    return post_json(client, contributions_url(block), body, **kwargs)
