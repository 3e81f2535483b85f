"""Run the example site as separate server processes against a database of
its own, and talk to it over real HTTP as browsers do.

The servers use ``tests/traffic/server_settings.py``; ``site_tool.py`` creates
the schema and the dialogues and reads what was stored.
"""

import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

import dj_database_url
from bs4 import BeautifulSoup

REPO_DIR = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SETTINGS = "tests.traffic.server_settings"

#: A receipt reference: ``D-<year>-<6 digits>``.
RECEIPT = re.compile(r"\bD-\d{4}-\d{6,}\b")

# -- the database ------------------------------------------------------------


def worker_id():
    """The pytest-xdist worker (``gw0``, ``gw1``, …), or ``main``."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


class ServedDatabase:
    """A database of the servers' own, on the engine of the test run's
    ``DATABASE_URL``: a SQLite file under ``directory`` when it is unset,
    otherwise a new database next to the test database, named per worker."""

    def __init__(self, cell_url, directory, name):
        self.cell_url = cell_url
        if not cell_url:
            self.engine = "sqlite"
            self.url = f"sqlite:///{directory / 'traffic.sqlite3'}"
            return
        config = dj_database_url.parse(cell_url)
        self.engine = {
            "django.db.backends.postgresql": "postgresql",
            "django.db.backends.mysql": "mysql",
        }[config["ENGINE"]]
        self.config = config
        self.name = f"{config['NAME']}_{name}_{worker_id()}"
        parts = urllib.parse.urlsplit(cell_url)
        self.url = urllib.parse.urlunsplit(parts._replace(path=f"/{self.name}"))

    def create(self):
        if self.engine == "sqlite":
            return  # the file is made when the schema is
        self.drop()  # left over from an interrupted run
        self._server_statement(
            f"CREATE DATABASE {self.name}"
            + (" CHARACTER SET utf8mb4" if self.engine == "mysql" else "")
        )

    def copy_schema_from(self, template):
        """Start from the test run's migrated SQLite database (a file), if
        this is a SQLite database too; whether it did."""
        if self.engine != "sqlite" or not template or not Path(template).exists():
            return False
        shutil.copyfile(template, self.url.removeprefix("sqlite:///"))
        return True

    def drop(self):
        if self.engine == "sqlite":
            return  # the file goes with the temporary directory
        # FORCE: a server killed mid-request may leave a connection behind.
        force = " WITH (FORCE)" if self.engine == "postgresql" else ""
        self._server_statement(f"DROP DATABASE IF EXISTS {self.name}{force}")

    def unreachable_errors(self):
        """The driver's errors for a database server that does not answer."""
        if self.engine == "postgresql":
            import psycopg

            return psycopg.OperationalError
        if self.engine == "mysql":
            import MySQLdb

            return MySQLdb.OperationalError
        return ()

    def _server_statement(self, sql):
        config = self.config
        if self.engine == "postgresql":
            import psycopg

            with psycopg.connect(
                host=config["HOST"] or None,
                port=config["PORT"] or None,
                user=config["USER"] or None,
                password=config["PASSWORD"] or None,
                dbname="postgres",
                autocommit=True,
                connect_timeout=10,
            ) as connection:
                connection.execute(sql)
        else:
            import MySQLdb

            connection = MySQLdb.connect(
                host=config["HOST"] or "localhost",
                port=int(config["PORT"] or 3306),
                user=config["USER"] or "root",
                password=config["PASSWORD"] or "",
            )
            try:
                connection.cursor().execute(sql)
            finally:
                connection.close()


# -- the servers and the site tool -------------------------------------------


def server_environment(database_url, **extra):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        PYTHONPATH=str(REPO_DIR),
        TRAFFIC_DATABASE_URL=database_url,
        **{key: str(value) for key, value in extra.items()},
    )
    return env


class SiteTool:
    """One site_tool.py process with the servers' settings, kept for every
    command of a test run: ``tool("rows", "12")`` returns the command's JSON."""

    def __init__(self, env, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in close())
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "site_tool.py"), "serve"],
            cwd=REPO_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )

    def __call__(self, *args):
        self.process.stdin.write(json.dumps(args) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            self.log.flush()
            raise RuntimeError(
                "the site tool stopped:\n" + Path(self.log_path).read_text()[-4000:]
            )
        answer = json.loads(line)
        assert "error" not in answer, answer["error"]
        return answer["result"]

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class SiteServer:
    """One server process: ``serve.py`` on a free port, its output in a log."""

    def __init__(self, env, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-u", str(HERE / "serve.py")],
            cwd=REPO_DIR,
            env=env,
            stdin=subprocess.PIPE,  # closed when the test run ends
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        self.port = None

    @classmethod
    def start(cls, count, env, log_paths):
        """Start ``count`` servers at once; return them when all listen."""
        servers = [cls(env, log_path) for log_path in log_paths[:count]]
        try:
            for server in servers:
                server.port = server._read_port()
        except BaseException:
            for server in servers:
                server.stop()
            raise
        return servers

    def _read_port(self):
        found = {}
        reader = threading.Thread(
            target=lambda: found.update(line=self.process.stdout.readline()),
            daemon=True,
        )
        reader.start()
        reader.join(timeout=120)
        line = found.get("line", "").strip()
        if not line.isdigit():
            raise RuntimeError(f"the server did not start:\n{self.errors()}")
        return int(line)

    def errors(self):
        """What the server logged: tracebacks of server errors."""
        if not self.log.closed:
            self.log.flush()
        return Path(self.log_path).read_text()[-6000:]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdin.close()
        self.process.stdout.close()
        self.log.close()


# -- a browser ----------------------------------------------------------------


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.text = body.decode("utf-8", "replace")

    @property
    def location(self):
        """Where a redirect leads, as a path on the same server (the site's
        own hostname, in an absolute URL, is not the test server's)."""
        parts = urllib.parse.urlsplit(self.headers.get("Location", ""))
        return urllib.parse.urlunsplit(("", "", parts.path, parts.query, ""))


class Visitor:
    """A browser: keeps its cookies, sends forms as browsers do."""

    def __init__(self, cookies=None):
        self.cookies = dict(cookies or {})

    def request(self, server, method, path, data=None):
        headers = {"Accept-Language": "en"}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            connection.close()
        self._keep_cookies(raw.headers.get_all("Set-Cookie") or [])
        return response

    def _keep_cookies(self, set_cookie_headers):
        for header in set_cookie_headers:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, server, path):
        return self.request(server, "GET", path)

    def post(self, server, path, data):
        return self.request(server, "POST", path, data)

    def open_form(self, server, dialogue, block, *, first_visit=True):
        """GET the dialogue page; its status and the block's form as the page
        serves it (hidden fields, with valid answers filled in), or None.

        A first visit keeps only the CSRF cookie, so no session exists yet
        when the form is posted.
        """
        page = self.get(server, dialogue["url"])
        if page.status != 200:
            return page.status, None
        if first_visit:
            self.cookies = {"csrftoken": self.cookies["csrftoken"]}
        return page.status, {**hidden_fields(page.text, block), **block["fields"]}

    def receipts_shown(self, server, response):
        """Follow a submission's redirect: the page's status and the receipt
        references it shows."""
        page = self.get(server, response.location)
        return page.status, RECEIPT.findall(page.text)


def hidden_fields(html, block):
    """The hidden inputs of a block's form (CSRF token, submission key)."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", action=re.compile(re.escape(block["url"])))
    assert form is not None, f"no form posting to {block['url']}"
    return {
        field["name"]: field.get("value", "")
        for field in form.find_all("input", type="hidden")
    }


def simultaneously(*calls):
    """Run the calls in threads that start together; their results, in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        try:
            barrier.wait(timeout=60)
            results[index] = call()
        except BaseException as error:  # reported in the test's thread
            errors.append(error)

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
