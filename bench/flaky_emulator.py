#!/usr/bin/env python3
"""An emulator that fails a share of AWS requests: moto_server behind a proxy answering a
fraction of them with 503 ServiceUnavailable (the transient answer real AWS gives under load).

Usage (as lsqm's emulator_command): flaky_emulator.py PORT [RATE [MOTO_SERVER]]
Listens on 127.0.0.1:PORT, runs moto_server on a free port behind it. Readiness and moto's
own API (/moto-api/...) are never failed. RATE defaults to 0.05 (LSQM_FAULT_RATE overrides).
"""
import http.client
import http.server
import os
import random
import socket
import subprocess
import sys
import time

port = int(sys.argv[1])
rate = float(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("LSQM_FAULT_RATE", "0.05"))

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    backend_port = s.getsockname()[1]
moto_server = sys.argv[3] if len(sys.argv) > 3 else "moto_server"
moto = subprocess.Popen([moto_server, "-p", str(backend_port)],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(300):
    try:
        socket.create_connection(("127.0.0.1", backend_port), timeout=1).close()
        break
    except OSError:
        time.sleep(0.1)

FAULT = (b'<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Receiver</Type>'
         b'<Code>ServiceUnavailable</Code><Message>injected by flaky_emulator.py</Message></Error>'
         b'<RequestId>flaky</RequestId></ErrorResponse>')
served = {"requests": 0, "faults": 0}


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        if not self.path.startswith("/moto-api"):
            served["requests"] += 1
            if random.random() < rate:
                served["faults"] += 1
                self.send_response(503)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(FAULT)))
                self.end_headers()
                self.wfile.write(FAULT)
                return
        conn = http.client.HTTPConnection("127.0.0.1", backend_port, timeout=120)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        conn.request(self.command, self.path, body=body, headers=headers)
        answer = conn.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for k, v in answer.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        conn.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = forward


try:
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Proxy).serve_forever()
finally:
    moto.terminate()
