#!/usr/bin/env python3
"""An independent MLLP client for bench/mllp.bench.ts: one connection, framing by hand, each
message waiting for its ACK (MLLP original mode). Prints 'RATE msgs/s' and the first ACK's MSA-1.

usage: mllp-client.py HOST PORT MESSAGE_FILE COUNT
"""
import socket
import sys
import time

VT, FS_CR = b"\x0b", b"\x1c\r"


def main() -> None:
    host, port, path, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    with open(path, "rb") as f:
        frame = VT + f.read() + FS_CR
    s = socket.create_connection((host, port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    first = b""
    buf = b""
    t0 = time.perf_counter()
    for i in range(count):
        s.sendall(frame)
        while True:
            end = buf.find(FS_CR)
            if end >= 0:
                ack, buf = buf[: end + 2], buf[end + 2 :]
                break
            chunk = s.recv(65536)
            if not chunk:
                sys.exit("connection closed before the ACK of message %d" % i)
            buf += chunk
        if i == 0:
            first = ack
    seconds = time.perf_counter() - t0
    s.close()
    msa = next((seg for seg in first.strip(b"\x0b\x1c\r").split(b"\r") if seg.startswith(b"MSA")), b"MSA||")
    print("RATE %.1f" % (count / seconds))
    print("MSA1 %s" % msa.split(b"|")[1].decode("latin-1"))


if __name__ == "__main__":
    main()
