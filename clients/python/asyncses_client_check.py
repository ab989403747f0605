"""Proves the generated Python client (gen/python, package asyncses-client) against a running
AsyncSES server over gRPC (grpcio).

It sends one message and reads it back, streams a batch of messages with one invalid item,
reads the outbox status and the account quota, prints one JSON line that sums it up, and exits
non-zero when anything is not as the contract says.

    python clients/python/asyncses_client_check.py --addr 127.0.0.1:3000 --run-token abc123
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from typing import Iterator

import grpc

from asyncses.v1 import (
    account_pb2,
    account_pb2_grpc,
    mail_pb2,
    mail_pb2_grpc,
    message_pb2,
    outbox_pb2,
    outbox_pb2_grpc,
)

SENDER = "sender@example.com"
RECIPIENT = "rcpt@example.com"
TAG = "python"


class CheckFailed(Exception):
    pass


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--addr", default=os.environ.get("ASYNCSES_ADDR", "127.0.0.1:3000"),
                   help="server address, host:port (env ASYNCSES_ADDR)")
    p.add_argument("--api-key", default=os.environ.get("ASYNCSES_API_KEY", ""),
                   help="API key, sent as 'authorization: Bearer <key>' (env ASYNCSES_API_KEY)")
    p.add_argument("--run-token", default=os.environ.get("ASYNCSES_RUN_TOKEN", ""),
                   help="token put in every subject (env ASYNCSES_RUN_TOKEN; random when empty)")
    p.add_argument("--batch", type=int, default=1000, help="messages in the SendBatch stream")
    p.add_argument("--invalid-index", type=int, default=500,
                   help="index of the deliberately invalid batch item")
    p.add_argument("--timeout", type=float, default=120.0, help="deadline of each call, seconds")
    args = p.parse_args(argv)
    if not args.run_token:
        args.run_token = secrets.token_hex(6)
    if not 0 <= args.invalid_index < args.batch:
        p.error(f"--invalid-index {args.invalid_index} is outside the batch of {args.batch}")
    args.addr = args.addr.removeprefix("http://")
    return args


def run(args: argparse.Namespace) -> dict:
    metadata = [("authorization", f"Bearer {args.api_key}")] if args.api_key else []
    with grpc.insecure_channel(args.addr) as channel:
        mail = mail_pb2_grpc.MailServiceStub(channel)
        outbox = outbox_pb2_grpc.OutboxServiceStub(channel)
        account = account_pb2_grpc.AccountServiceStub(channel)
        call = {"metadata": metadata, "timeout": args.timeout}

        # One message, then read it back.
        subject = f"[{TAG}] {args.run_token} send"
        sent = mail.Send(
            mail_pb2.SendRequest(
                **{"from": SENDER},
                to=[RECIPIENT],
                subject=subject,
                text="Sent by the AsyncSES Python client over gRPC.",
            ),
            **call,
        )
        if not sent.id:
            raise CheckFailed("MailService/Send: empty id")
        m = mail.GetMessage(mail_pb2.GetMessageRequest(id=sent.id), **call).message
        if (m.id != sent.id or m.subject != subject or list(m.to) != [RECIPIENT]
                or SENDER not in getattr(m, "from")):
            raise CheckFailed(
                f"MailService/GetMessage({sent.id}): got id {m.id!r} subject {m.subject!r} "
                f"from {getattr(m, 'from')!r} to {list(m.to)!r}")
        if m.state == message_pb2.MESSAGE_STATE_UNSPECIFIED:
            raise CheckFailed(f"MailService/GetMessage({sent.id}): state unspecified")

        batch = send_batch(mail, args, call)

        st = outbox.Status(outbox_pb2.StatusRequest(), **call)
        accepted = 1 + batch["accepted"]
        total = st.queued + st.in_flight + st.sent + st.failed + st.cancelled
        if total < accepted:
            raise CheckFailed(f"OutboxService/Status: counts add up to {total}, fewer than the "
                              f"{accepted} messages this run queued")
        q = account.Quota(account_pb2.QuotaRequest(), **call)

    return {
        "client": "python",
        "protocol": "grpc",
        "run_token": args.run_token,
        "send": {"id": sent.id, "subject": subject,
                 "state": message_pb2.MessageState.Name(m.state)},
        "batch": batch,
        "status": {
            "queued": st.queued, "in_flight": st.in_flight, "sent": st.sent, "failed": st.failed,
            "cancelled": st.cancelled, "outbox": st.outbox, "capacity": st.capacity,
            "workers": st.workers, "sender": st.sender, "store": st.store,
        },
        "quota": {
            "max_24_hour_send": q.max_24_hour_send,
            "sent_last_24_hours": q.sent_last_24_hours,
            "max_send_rate": q.max_send_rate,
        },
        "ok": True,
    }


def send_batch(mail: mail_pb2_grpc.MailServiceStub, args: argparse.Namespace, call: dict) -> dict:
    def requests() -> Iterator[mail_pb2.SendBatchRequest]:
        # grpcio drains this iterator on its own thread while the loop below reads results.
        for i in range(args.batch):
            yield mail_pb2.SendBatchRequest(message=mail_pb2.SendRequest(
                **{"from": SENDER},
                to=["not an address" if i == args.invalid_index else RECIPIENT],
                subject=f"[{TAG}] {args.run_token} batch {i}",
                text=f"Batch item {i} of {args.batch}.",
            ))

    received = 0
    ids: list[str] = []
    seen: set[str] = set()
    errors: list[dict] = []
    for res in mail.SendBatch(requests(), **call):
        if res.index != received:
            raise CheckFailed(f"MailService/SendBatch: result {received} has index {res.index}")
        received += 1
        kind = res.WhichOneof("result")
        if kind == "id":
            if not res.id or res.id in seen:
                raise CheckFailed(
                    f"MailService/SendBatch: item {res.index}: empty or repeated id {res.id!r}")
            seen.add(res.id)
            ids.append(res.id)
        elif kind == "error":
            errors.append({"index": res.index, "code": res.error.code,
                           "message": res.error.message})
        else:
            raise CheckFailed(f"MailService/SendBatch: item {res.index} has neither id nor error")
    if (received != args.batch or len(ids) != args.batch - 1 or len(errors) != 1
            or errors[0]["index"] != args.invalid_index
            or errors[0]["code"] != "invalid_argument"):
        raise CheckFailed(
            f"MailService/SendBatch: want {args.batch} results, {args.batch - 1} ids and one "
            f"invalid_argument at {args.invalid_index}; got {received} results, {len(ids)} ids, "
            f"errors {errors}")
    return {"sent": args.batch, "received": received, "accepted": len(ids), "errors": errors,
            "ids": ids}


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        summary = run(args)
    except CheckFailed as e:
        print(f"asyncses-python-client: {e}", file=sys.stderr)
        return 1
    except grpc.RpcError as e:
        print(f"asyncses-python-client: {e.code()}: {e.details()}", file=sys.stderr)
        return 1
    print(json.dumps(summary, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
