"""Serve the example site with Django's threaded development server, on a
port the system picks, and print that port on the first line of output.

Run as ``python tests/traffic/serve.py`` from the repository, with
``DJANGO_SETTINGS_MODULE=tests.traffic.server_settings``.
"""

import sys
import threading

import django
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler


class Server(ThreadedWSGIServer):
    # Room for every test client's connection at once (the default is 10).
    request_queue_size = 128


class QuietHandler(WSGIRequestHandler):
    # Hundreds of requests per test: log errors only (Django logs those).
    def log_message(self, format, *args):
        pass


def stop_at_end_of_input(server):
    sys.stdin.read()
    server.shutdown()


def main():
    django.setup()
    from django.core.wsgi import get_wsgi_application

    server = Server(("127.0.0.1", 0), QuietHandler)
    server.set_app(get_wsgi_application())
    # Stop when the test run that started us ends, however it ends: its end
    # of our standard input closes.
    threading.Thread(target=stop_at_end_of_input, args=(server,), daemon=True).start()
    print(server.server_port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
