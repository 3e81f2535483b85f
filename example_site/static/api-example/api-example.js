// An example front end of its own for the wagtail-delaktighet REST API: it
// lists the open dialogues and lets a resident answer a dialogue's survey.
// The form is built from each block's input schema, so it works for any
// block type; the service's answers (receipt, errors by field, refusals
// with a code) are shown as they come. No framework, no build step.
"use strict";

const API = document.body.dataset.api;
const TOKEN_KEY = "delaktighet-participant-token";

async function getJSON(path) {
  const response = await fetch(API + path, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

// One token per browser, kept like a session: the API then refuses a
// second answer to a one-answer block, as the site does.
async function participantToken() {
  let token = localStorage.getItem(TOKEN_KEY);
  if (!token) {
    const response = await fetch(API + "participants/", { method: "POST" });
    token = (await response.json()).token;
    localStorage.setItem(TOKEN_KEY, token);
  }
  return token;
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function fieldInput(block, field) {
  const id = `f-${block.block_id}-${field.key}`;
  if (field.type === "choice" || field.type === "multiple_choice") {
    const set = element("fieldset", { class: "field", id, "data-key": field.key });
    set.append(element("legend", {}, field.label + (field.required ? " *" : "")));
    const kind = field.type === "choice" ? "radio" : "checkbox";
    field.choices.forEach((choice, n) => {
      const wrapper = element("div", { class: "choice" });
      const input = element("input", { type: kind, name: field.key, value: choice.id, id: `${id}-${n}` });
      wrapper.append(input, " ", element("label", { for: `${id}-${n}` }, choice.label));
      set.append(wrapper);
    });
    return set;
  }
  const wrapper = element("div", { class: "field", "data-key": field.key });
  wrapper.append(element("label", { for: id }, field.label + (field.required ? " *" : "")));
  let input;
  if (field.type === "text" && field.multiline) {
    input = element("textarea", { id, name: field.key, rows: "4" });
  } else if (field.type === "boolean") {
    input = element("input", { id, name: field.key, type: "checkbox" });
  } else {
    const type = { email: "email", number: "number" }[field.type] || "text";
    input = element("input", { id, name: field.key, type });
  }
  if (field.max_length) input.setAttribute("maxlength", field.max_length);
  wrapper.append(input);
  return wrapper;
}

function answers(form, block) {
  const data = {};
  for (const field of block.fields) {
    const inputs = [...form.querySelectorAll(`[name="${field.key}"]`)];
    if (field.type === "multiple_choice") {
      data[field.key] = inputs.filter((i) => i.checked).map((i) => i.value);
    } else if (field.type === "choice") {
      const chosen = inputs.find((i) => i.checked);
      if (chosen) data[field.key] = chosen.value;
    } else if (field.type === "boolean") {
      data[field.key] = inputs[0].checked;
    } else if (inputs[0].value !== "") {
      data[field.key] = inputs[0].value;
    }
  }
  return data;
}

function showErrors(form, errors) {
  for (const [key, messages] of Object.entries(errors)) {
    const field = form.querySelector(`[data-key="${key}"]`) || form;
    const id = `${form.id}-error-${key}`;
    const message = element("p", { class: "error", id }, messages.join(" "));
    field.append(message);
    const input = field.querySelector("input, textarea");
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", id);
    }
  }
}

function surveyForm(dialogue, block) {
  const form = element("form", { id: `form-${block.block_id}`, novalidate: "" });
  form.append(element("h3", {}, block.title));
  block.fields.forEach((field) => form.append(fieldInput(block, field)));
  const status = element("div", { role: "status" });
  form.append(element("button", { type: "submit" }, "Skicka"), status);
  // One key per filled-in form: a retry (a double click, a lost answer)
  // gets the same receipt and is stored once.
  let key = crypto.randomUUID();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    form.querySelectorAll("p.error").forEach((node) => node.remove());
    form.querySelectorAll("[aria-invalid]").forEach((node) => {
      node.removeAttribute("aria-invalid");
      node.removeAttribute("aria-describedby");
    });
    status.textContent = "";
    const response = await fetch(block.contributions_url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Participant-Token": await participantToken(),
        "Idempotency-Key": key,
      },
      body: JSON.stringify(answers(form, block)),
    });
    const body = await response.json();
    if (response.status === 201) {
      status.className = "receipt";
      status.textContent = body.message;
      form.querySelector("button").disabled = true;
      key = crypto.randomUUID();
      return;
    }
    status.className = "refusal";
    status.textContent = body.message;
    if (body.errors) showErrors(form, body.errors);
  });
  return form;
}

async function main() {
  const listing = await getJSON("dialogues/?status=open&page_size=20");
  const list = document.getElementById("dialogues");
  for (const dialogue of listing.results) {
    const item = element("li", { class: "dialogue" });
    item.append(element("h2", {}, dialogue.title), element("p", {}, dialogue.summary));
    if (dialogue.influence_level) {
      item.append(element("p", {}, `${dialogue.influence_level.name}: ${dialogue.influence_level.promise}`));
    }
    const blocks = await getJSON(`dialogues/${dialogue.id}/blocks/`);
    blocks
      .filter((block) => block.type === "survey" && block.open)
      .forEach((block) => item.append(surveyForm(dialogue, block)));
    list.append(item);
  }
  document.getElementById("loading").textContent = `${listing.count} öppna dialoger`;
}

main().catch((error) => {
  document.getElementById("loading").textContent = "Dialogerna kunde inte hämtas.";
  console.error(error);
});
