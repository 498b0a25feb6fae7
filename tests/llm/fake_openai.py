"""A tiny OpenAI-compatible server on 127.0.0.1 whose answer is a function of the request."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

WAIT = '{"action": "wait", "args": {}}'


class FakeServer:
    """Answer each chat completion with ``answer(body)``."""

    def __init__(self, answer: Callable[[dict[str, Any]], str]) -> None:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler(answer))
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    @staticmethod
    def _handler(answer: Callable[[dict[str, Any]], str]) -> type[BaseHTTPRequestHandler]:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                payload = json.dumps({"choices": [{"message": {"content": answer(body)}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def answering(text: str) -> Callable[[dict[str, Any]], str]:
    """An answer function that always says ``text``."""
    return lambda body: text
