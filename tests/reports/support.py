"""Reading a report as staff see it: the table's rows, and its CSV and
XLSX exports as lists of rows."""

import csv
import io

import openpyxl
from bs4 import BeautifulSoup


def soup_of(response):
    assert response.status_code == 200, response.content.decode()[:2000]
    return BeautifulSoup(response.content, "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ").split())


def shown_table(response):
    """The report's table: the headings, then one list of cell texts a
    row."""
    soup = soup_of(response)
    table = soup.select_one("table.listing")
    if table is None:
        return []
    headings = [text_of(th) for th in table.select("thead th")]
    rows = [
        [text_of(cell) for cell in row.find_all("td")]
        for row in table.select("tbody tr")
    ]
    return [headings, *rows]


def csv_rows(client, url, **params):
    response = client.get(url, {**params, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def xlsx_rows(client, url, **params):
    response = client.get(url, {**params, "export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [
        ["" if value is None else value for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]
