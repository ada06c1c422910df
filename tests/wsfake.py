"""A minimal WebSocket server (RFC 6455, text frames) playing Slack's Socket Mode end.

It accepts one client at a time, sends it the ``hello`` Slack sends, lets a test
push envelopes (slash commands, interactivity, events) and collects the acks.
"""
from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading
import uuid
from typing import Any

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class SocketModeFake:
    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._conn: socket.socket | None = None
        self._lock = threading.Condition()
        self.acks: dict[str, dict[str, Any]] = {}
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self._listener.getsockname()[1]}/link"

    def close(self) -> None:
        self._listener.close()
        if self._conn:
            self._conn.close()

    def connected(self, timeout: float) -> bool:
        with self._lock:
            return self._lock.wait_for(lambda: self._conn is not None, timeout)

    def send(self, payload_type: str, payload: dict[str, Any]) -> str:
        """Push an envelope; returns its envelope_id."""
        envelope_id = str(uuid.uuid4())
        self._send_text(json.dumps({"envelope_id": envelope_id, "type": payload_type,
                                    "payload": payload, "accepts_response_payload": True,
                                    "retry_attempt": 0, "retry_reason": ""}))
        return envelope_id

    def ack(self, envelope_id: str, timeout: float) -> dict[str, Any] | None:
        with self._lock:
            self._lock.wait_for(lambda: envelope_id in self.acks, timeout)
            return self.acks.get(envelope_id)

    # -- the protocol ----------------------------------------------------------------
    def _accept(self) -> None:
        try:
            conn, _ = self._listener.accept()
        except OSError:
            return
        request = b""
        while b"\r\n\r\n" not in request:
            request += conn.recv(4096)
        key = next(line.split(":", 1)[1].strip() for line in request.decode().split("\r\n")
                   if line.lower().startswith("sec-websocket-key:"))
        accept = base64.b64encode(hashlib.sha1((key + _GUID).encode()).digest()).decode()
        conn.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                      f"Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n").encode())
        with self._lock:
            self._conn = conn
            self._lock.notify_all()
        self._send_text(json.dumps({"type": "hello", "num_connections": 1,
                                    "debug_info": {"host": "fake"},
                                    "connection_info": {"app_id": "A0APP"}}))
        self._read(conn)

    def _send_frame(self, opcode: int, data: bytes) -> None:
        assert self._conn is not None
        header = bytes([0x80 | opcode])
        if len(data) < 126:
            header += bytes([len(data)])
        elif len(data) < 1 << 16:
            header += bytes([126]) + struct.pack("!H", len(data))
        else:
            header += bytes([127]) + struct.pack("!Q", len(data))
        self._conn.sendall(header + data)

    def _send_text(self, text: str) -> None:
        self._send_frame(0x1, text.encode())

    def _read(self, conn: socket.socket) -> None:
        buf = b""

        def need(n: int) -> bytes:
            nonlocal buf
            while len(buf) < n:
                chunk = conn.recv(65536)
                if not chunk:
                    raise ConnectionError
                buf += chunk
            out, buf = buf[:n], buf[n:]
            return out

        try:
            while True:
                b1, b2 = need(2)
                opcode, length = b1 & 0x0F, b2 & 0x7F
                if length == 126:
                    length = struct.unpack("!H", need(2))[0]
                elif length == 127:
                    length = struct.unpack("!Q", need(8))[0]
                mask = need(4) if b2 & 0x80 else b"\0\0\0\0"
                data = bytes(c ^ mask[i % 4] for i, c in enumerate(need(length)))
                if opcode == 0x9:  # ping → pong
                    self._send_frame(0xA, data)
                elif opcode == 0x8:
                    return
                elif opcode == 0x1:
                    message = json.loads(data)
                    with self._lock:
                        self.acks[message.get("envelope_id", "")] = message
                        self._lock.notify_all()
        except (ConnectionError, OSError):
            return
