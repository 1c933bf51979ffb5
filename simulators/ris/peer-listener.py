# An independent MLLP listener for ris.int.test.ts: python3-hl7's asyncio MLLP server (Debian
# package), answering each message with hl7's own create_ack(). Prints its port, then one
# line per message received. Its default codec is ASCII; our fixtures declare UNICODE UTF-8.
import asyncio

import hl7
from hl7.mllp import start_hl7_server


async def handle(reader, writer):
    try:
        while not writer.is_closing():
            msg = await reader.readmessage()
            print("GOT", str(msg.segment("MSH")[9]), str(msg.segment("MSH")[10]), flush=True)
            writer.writemessage(msg.create_ack())
            await writer.drain()
    except asyncio.IncompleteReadError:
        if not writer.is_closing():
            writer.close()
            await writer.wait_closed()


async def main():
    async with await start_hl7_server(handle, host="127.0.0.1", port=0, encoding="utf-8") as server:
        print("PORT", server.sockets[0].getsockname()[1], flush=True)
        await server.serve_forever()


asyncio.run(main())
