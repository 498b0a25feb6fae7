"""An OpenAI-compatible chat server that answers every request at once with a valid decision.

It exists to measure simverse's own cost per LLM request: with the server's work near zero,
what a step spends per request is the client's. It speaks just enough HTTP/1.1 (keep-alive,
``Content-Length`` bodies) for ``POST /v1/chat/completions`` and ``GET /v1/models``, answers
``{"action": "wait", ...}`` (valid in every world) and never reads the body's JSON.
Listens on 127.0.0.1 only.

    python experiments/bench/instant_server.py --port 8011 [--die-after N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os

DECISION = {"action": "wait", "args": {}, "utterance": None, "told_facts": [], "importance": 1,
            "end_conversation": False}


def _response(body: dict) -> bytes:
    payload = json.dumps(body).encode()
    head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
            "Connection: keep-alive\r\n\r\n").encode()
    return head + payload


COMPLETION = _response({
    "id": "instant", "object": "chat.completion", "model": "instant",
    "choices": [{"index": 0, "finish_reason": "stop",
                 "message": {"role": "assistant", "content": json.dumps(DECISION)}}],
    "usage": {"prompt_tokens": 0, "completion_tokens": 12, "total_tokens": 12},
})
MODELS = _response({"object": "list", "data": [{"id": "instant", "object": "model"}]})


class InstantProtocol(asyncio.Protocol):
    """One connection: answer each complete request as soon as its body has arrived."""

    answered = 0
    die_after: int | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self.buffer = bytearray()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end]).lower()
            at = head.find(b"content-length:")
            length = int(head[at + 15:].split(b"\r\n", 1)[0]) if at >= 0 else 0
            if len(self.buffer) < end + 4 + length:
                return
            del self.buffer[:end + 4 + length]
            self._answer(head)

    def _answer(self, head: bytes) -> None:
        cls = type(self)
        if cls.die_after is not None and cls.answered >= cls.die_after:
            os._exit(0)  # a server that dies mid-step, for failover tests
        cls.answered += 1
        self.transport.write(MODELS if head.startswith(b"get") else COMPLETION)


async def serve(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(InstantProtocol, "127.0.0.1", port, backlog=1024)
    print(f"instant server on http://127.0.0.1:{port}/v1", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8011)
    parser.add_argument("--die-after", type=int, default=None, help="exit after answering N requests")
    args = parser.parse_args()
    InstantProtocol.die_after = args.die_after
    asyncio.run(serve(args.port))


if __name__ == "__main__":
    main()
