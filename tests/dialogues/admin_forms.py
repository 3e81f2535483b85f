"""Post a page's admin edit form as a browser would after an editor changed
nothing: every field as the edit view rendered it, the StreamField body in
the form fields its editor builds (it is drawn by JavaScript, so the HTML
holds no inputs for it)."""

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail import blocks


def rendered_form_data(html, form_id="w-editor-form"):
    """The fields a browser would submit from the form, without its buttons
    (the caller chooses the action) and without the empty-form templates of
    inline panels."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id=form_id) or soup.find("form", method="POST")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or "__prefix__" in name or field.find_parent("template"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if field.has_attr("multiple"):
                data[name] = [o.get("value", o.text) for o in chosen]
            elif chosen or options:
                option = (chosen or options)[0]
                data[name] = option.get("value", option.text)
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, [])
                data[name].append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "image", "file"):
            data[name] = field.get("value", "")
    return data


def block_form_data(block, raw, prefix):
    """The form fields Wagtail's block editor posts for ``raw`` (a block's
    stored JSON)."""
    data = {}
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = len(raw)
        for number, child in enumerate(raw):
            item = f"{prefix}-{number}"
            data |= {
                f"{item}-type": child["type"],
                f"{item}-id": child.get("id", ""),
                f"{item}-order": number,
                f"{item}-deleted": "",
            }
            data |= block_form_data(
                block.child_blocks[child["type"]], child["value"], f"{item}-value"
            )
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = len(raw)
        for number, child in enumerate(raw):
            item = f"{prefix}-{number}"
            is_item = isinstance(child, dict) and child.get("type") == "item"
            data |= {
                f"{item}-id": child.get("id", "") if is_item else "",
                f"{item}-order": number,
                f"{item}-deleted": "",
            }
            value = child["value"] if is_item else child
            data |= block_form_data(block.child_block, value, f"{item}-value")
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            data |= block_form_data(child_block, raw.get(name), f"{prefix}-{name}")
    elif isinstance(block, blocks.BooleanBlock):
        if raw:
            data[prefix] = "on"
    else:
        data[prefix] = "" if raw is None else str(raw)
    return data


def publish_unchanged(client, page, action="action-publish"):
    """Press Publish (or ``action``; ``None``: Save draft) in the page's edit
    view without changing anything."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = {
        name: value
        for name, value in rendered_form_data(response.content).items()
        if not name.startswith("body")
    }
    body_block = type(page)._meta.get_field("body").stream_block
    data |= block_form_data(body_block, page.body.raw_data, "body")
    if action:
        data[action] = action
    return client.post(url, data)
